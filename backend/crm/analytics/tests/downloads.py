"""Downloading a finished export, as its requester does."""


def download(client, export_id: int) -> bytes:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/exports/{export_id}/download/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)
