"""Asking for an export and downloading it, as a person does through the API."""

import pytest

URL = "/api/v1/exports/"


@pytest.fixture
def export(django_capture_on_commit_callbacks, settings, tmp_path):  # type: ignore[no-untyped-def]
    """Ask for an export and let the worker write it (the test's transaction never
    commits, so the task is run as the commit would run it); answers the export as the
    requester then polls it."""
    settings.MEDIA_ROOT = tmp_path

    def ask(client, body):  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL, body)
        assert response.status_code == 201, response.json()
        assert response.json()["status"] == "pending"
        return client.get(f"{URL}{response.json()['id']}/").json()

    return ask
