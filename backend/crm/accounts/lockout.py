"""Logging in and out, with the lockout of 系统安全需求: after `login_failure_limit`
failures for a username from one address, that pair is refused for `login_lock_minutes`.
Unknown users and wrong passwords get the same answer."""

from datetime import timedelta

from django.contrib.auth import authenticate, login, logout
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from crm.accounts.middleware import mark_session_active
from crm.accounts.models import LoginLock, User
from crm.audit.context import client_ip
from crm.audit.services import record_audit_event
from crm.core.errors import DomainError, Forbidden
from crm.dictionary.selectors import get_integer_parameter

INVALID_CREDENTIALS_MESSAGE = "用户名或密码错误"


class InvalidCredentials(DomainError):
    code = "invalid_credentials"


class LoginLocked(Forbidden):
    code = "login_locked"


def _normalise(username: str) -> str:
    return username.strip().lower()


def _locked_message(lock: LoginLock) -> str:
    assert lock.locked_until is not None
    minutes = max(1, int((lock.locked_until - timezone.now()).total_seconds() // 60) + 1)
    return f"登录失败次数过多，账户在此设备上已锁定，请 {minutes} 分钟后再试"


def _active_lock(username: str, ip_address: str) -> LoginLock | None:
    lock = LoginLock.objects.filter(username=username, ip_address=ip_address).first()
    if lock and lock.locked_until and lock.locked_until > timezone.now():
        return lock
    return None


@transaction.atomic
def _record_failure(username: str, ip_address: str) -> LoginLock:
    now = timezone.now()
    window = timedelta(minutes=get_integer_parameter("login_lock_minutes"))
    lock, _ = LoginLock.objects.select_for_update().get_or_create(
        username=username, ip_address=ip_address, defaults={"last_failed_at": now}
    )
    expired = (lock.locked_until and lock.locked_until <= now) or (now - lock.last_failed_at > window)
    lock.failure_count = 1 if expired and lock.failure_count else lock.failure_count + 1
    if expired:
        lock.locked_until = None
    lock.last_failed_at = now
    record_audit_event(
        actor=None,
        action="login_failed",
        target_type="user",
        target_label=username,
        after={"failure_count": lock.failure_count},
    )
    if lock.failure_count >= get_integer_parameter("login_failure_limit"):
        lock.locked_until = now + window
        record_audit_event(
            actor=None,
            action="login_locked",
            target_type="user",
            target_label=username,
            after={"locked_until": lock.locked_until.isoformat()},
        )
    lock.save()
    return lock


def log_in(*, request: HttpRequest, username: str, password: str) -> User:
    """Check the credentials and start a new session (a new session key: no fixation)."""
    key = _normalise(username)
    ip_address = client_ip(request) or "0.0.0.0"
    lock = _active_lock(key, ip_address)
    if lock is not None:
        raise LoginLocked(_locked_message(lock))
    user = authenticate(request, username=username.strip(), password=password)
    if user is None:
        lock = _record_failure(key, ip_address)
        if lock.locked_until:
            raise LoginLocked(_locked_message(lock))
        raise InvalidCredentials(INVALID_CREDENTIALS_MESSAGE)
    with transaction.atomic():
        LoginLock.objects.filter(username=key, ip_address=ip_address).delete()
        login(request, user)
        mark_session_active(request)
        record_audit_event(actor=user, action="login", target=user)
    assert isinstance(user, User)
    return user


def log_out(*, request: HttpRequest) -> None:
    user = request.user
    if user.is_authenticated:
        record_audit_event(actor=user, action="logout", target=user)
    logout(request)
