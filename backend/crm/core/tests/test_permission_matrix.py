"""Who may read what: every list endpoint against every member of the
cast. Write permissions and row scopes are tested per app; this is the one table that
shows the whole picture."""

import pytest

ENDPOINTS = [
    "/api/v1/auth/me",
    "/api/v1/users/",
    "/api/v1/departments/",
    "/api/v1/departments/tree/",
    "/api/v1/roles/",
    "/api/v1/permissions/",
    "/api/v1/dictionary/types/",
    "/api/v1/dictionary/entries/",
    "/api/v1/parameters/",
    "/api/v1/audit-events/",
    "/api/v1/customers/",
    "/api/v1/customer-pool/",
    "/api/v1/orders/",
    "/api/v1/notifications/",
]

# 1 = 200, 0 = 403, in ENDPOINTS order.
MATRIX = {
    "admin": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    "executive": [1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1],
    "manager": [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1],
    "supervisor": [1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1],
    "rep_li": [1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1],
    "rep_zhang": [1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1],
    "rep_liu": [1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1],
    "after_sales": [1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1],
}


@pytest.mark.parametrize("person", list(MATRIX))
def test_each_person_reads_exactly_what_their_role_allows(cast, as_person, person):
    client = as_person(person)
    answered = [1 if client.get(url).status_code == 200 else 0 for url in ENDPOINTS]
    assert dict(zip(ENDPOINTS, answered, strict=True)) == dict(zip(ENDPOINTS, MATRIX[person], strict=True))


@pytest.mark.parametrize("url", ENDPOINTS)
def test_nobody_logged_out_reads_anything(db, client, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
