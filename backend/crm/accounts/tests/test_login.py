from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from crm.accounts.models import LoginLock
from crm.audit.models import AuditEvent
from crm.dictionary.services import set_parameter

pytestmark = pytest.mark.django_db


def login(client: APIClient, username: str, password: str, ip: str = "10.0.0.1"):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/auth/login", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_login_answers_the_person_and_what_they_may_do(cast, password):
    client = APIClient()
    response = login(client, "supervisor", password)
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "supervisor"
    assert body["display_name"] == "陈静"
    assert body["department"] == {"id": cast.shanghai_group.id, "name": "上海一组", "kind": "group"}
    assert [role["code"] for role in body["roles"]] == ["supervisor"]
    assert body["permissions"] == [
        "accounts.view_user",
        "analytics.view_statistics",
        "commerce.view_order",
        "customers.assign_customer",
        "customers.claim_customer",
        "customers.confirm_churn",
        "customers.follow_up_customer",
        "customers.manage_customer",
        "customers.view_customer",
        "org.view_department",
    ]
    assert body["data_scope"] == "group"
    assert client.get("/api/v1/auth/me").json()["id"] == cast.supervisor.id
    assert AuditEvent.objects.filter(action="login", actor=cast.supervisor, ip_address="10.0.0.1").count() == 1


def test_login_gives_a_new_session_key(cast, password):
    client = APIClient()
    client.get("/api/v1/auth/csrf")
    client.session.save()
    before = client.session.session_key
    login(client, "rep_li", password)
    assert client.cookies["mallcrm_session"].value != before


def test_unknown_user_and_wrong_password_get_the_same_answer(cast, password):
    wrong = login(APIClient(), "rep_li", "Wrong#password1")
    unknown = login(APIClient(), "nobody", password)
    assert wrong.status_code == unknown.status_code == 400
    generic = {"code": "invalid_credentials", "message": "用户名或密码错误", "fields": {}}
    assert wrong.json() == unknown.json() == generic


def test_five_failures_lock_the_username_on_that_address_only(cast, password):
    for attempt in range(4):
        assert login(APIClient(), "rep_li", f"Wrong#pass{attempt}x").json()["code"] == "invalid_credentials"
    fifth = login(APIClient(), "rep_li", "Wrong#pass5x")
    assert fifth.status_code == 403
    assert fifth.json()["code"] == "login_locked"
    assert "15 分钟" in fifth.json()["message"]
    # The right password is refused on that address while locked...
    assert login(APIClient(), "rep_li", password).json()["code"] == "login_locked"
    # ...but works from another address.
    assert login(APIClient(), "rep_li", password, ip="10.0.0.2").status_code == 200
    assert AuditEvent.objects.filter(action="login_locked", target_label="rep_li").count() == 1
    assert AuditEvent.objects.filter(action="login_failed", target_label="rep_li").count() == 5


def test_a_locked_login_never_reaches_the_password_hasher(cast, password):
    LoginLock.objects.create(
        username="rep_li",
        ip_address="10.0.0.1",
        failure_count=5,
        last_failed_at=timezone.now(),
        locked_until=timezone.now() + timedelta(minutes=10),
    )
    with mock.patch("crm.accounts.lockout.authenticate") as authenticate:
        response = login(APIClient(), "rep_li", password)
    assert response.json()["code"] == "login_locked"
    authenticate.assert_not_called()


def test_the_lock_ends_after_the_configured_minutes(cast, password):
    set_parameter(actor=cast.admin, key="login_failure_limit", value=3)
    for attempt in range(3):
        login(APIClient(), "rep_li", f"Wrong#pass{attempt}x")
    lock = LoginLock.objects.get(username="rep_li")
    lock.locked_until = timezone.now() - timedelta(seconds=1)
    lock.save()
    assert login(APIClient(), "rep_li", password).status_code == 200
    assert not LoginLock.objects.filter(username="rep_li").exists()


def test_the_login_route_is_throttled_per_address(cast, password):
    with mock.patch.object(ScopedRateThrottle, "THROTTLE_RATES", {"login": "3/min"}):
        codes = [login(APIClient(), "rep_li", password).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_login_needs_the_csrf_token(cast, password):
    client = APIClient(enforce_csrf_checks=True)
    refused = client.post("/api/v1/auth/login", {"username": "rep_li", "password": password})
    assert refused.status_code == 403
    token = client.get("/api/v1/auth/csrf").json()["csrf_token"]
    accepted = client.post("/api/v1/auth/login", {"username": "rep_li", "password": password}, HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200


def test_unsafe_requests_need_the_csrf_token_after_login(cast, password):
    client = APIClient(enforce_csrf_checks=True)
    token = client.get("/api/v1/auth/csrf").json()["csrf_token"]
    client.post("/api/v1/auth/login", {"username": "admin", "password": password}, HTTP_X_CSRFTOKEN=token)
    new_token = client.cookies["csrftoken"].value
    body = {"type": "region", "code": "east", "label": "华东"}
    assert client.post("/api/v1/dictionary/entries/", body).status_code == 403
    assert client.post("/api/v1/dictionary/entries/", body, HTTP_X_CSRFTOKEN=new_token).status_code == 201


def test_an_idle_session_ends(cast, password):
    client = APIClient()
    login(client, "rep_li", password)
    session = client.session
    session["last_activity"] -= 31 * 60
    session.save()
    response = client.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert AuditEvent.objects.filter(action="session_expired", actor=cast.rep_li).count() == 1


def test_disabling_a_person_ends_their_sessions(cast, password, as_person):
    client = APIClient()
    login(client, "rep_li", password)
    assert as_person("admin").post(f"/api/v1/users/{cast.rep_li.id}/disable/").status_code == 200
    assert client.get("/api/v1/auth/me").status_code == 401
    assert login(APIClient(), "rep_li", password).json()["code"] == "invalid_credentials"


def test_changing_the_password_ends_the_other_sessions(cast, password):
    phone, desktop = APIClient(), APIClient()
    login(phone, "rep_li", password)
    login(desktop, "rep_li", password)
    response = desktop.post("/api/v1/auth/password", {"old_password": password, "new_password": "Fresh#Start2027"})
    assert response.status_code == 204
    assert desktop.get("/api/v1/auth/me").status_code == 200
    assert phone.get("/api/v1/auth/me").status_code == 401
    assert AuditEvent.objects.filter(action="password_changed", actor=cast.rep_li).count() == 1


def test_logout_ends_the_session(cast, password):
    client = APIClient()
    login(client, "rep_li", password)
    assert client.post("/api/v1/auth/logout").status_code == 204
    assert client.get("/api/v1/auth/me").status_code == 401


def test_no_password_reaches_the_logs(cast, caplog):
    caplog.set_level("DEBUG")
    login(APIClient(), "rep_li", "Secret#Guess123")
    assert "Secret#Guess123" not in caplog.text
