"""The signer matches the Standard Webhooks specification and the CRM's checks."""

from __future__ import annotations

import pytest

from tools.mall_simulator.signing import SignatureError, new_secret, sign, signature_headers, verify

# The official test vector of the Standard Webhooks specification.
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
WEBHOOK_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
TIMESTAMP = 1614265330
BODY = b'{"test": 2432232314}'
SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_signature_matches_the_official_vector() -> None:
    assert sign(secret=SECRET, webhook_id=WEBHOOK_ID, timestamp=TIMESTAMP, body=BODY) == SIGNATURE


def test_verify_accepts_the_official_vector_among_rotated_signatures() -> None:
    headers = {
        "webhook-id": WEBHOOK_ID,
        "webhook-timestamp": str(TIMESTAMP),
        "webhook-signature": f"v1,c29tZXRoaW5nIGVsc2U= {SIGNATURE}",
    }
    verify(secret=SECRET, headers=headers, body=BODY, now=TIMESTAMP + 10)


@pytest.mark.parametrize(
    ("body", "now", "secret"),
    [(b'{"test": 2432232315}', TIMESTAMP, SECRET), (BODY, TIMESTAMP + 301, SECRET), (BODY, TIMESTAMP, new_secret())],
    ids=["tampered body", "stale timestamp", "other secret"],
)
def test_verify_refuses_what_was_not_signed_now_with_this_secret(body: bytes, now: int, secret: str) -> None:
    headers = {"webhook-id": WEBHOOK_ID, "webhook-timestamp": str(TIMESTAMP), "webhook-signature": SIGNATURE}
    with pytest.raises(SignatureError):
        verify(secret=secret, headers=headers, body=body, now=now)


def test_headers_round_trip() -> None:
    secret = new_secret()
    headers = signature_headers(secret=secret, webhook_id="msg_1", body=b"{}")
    verify(secret=secret, headers=headers, body=b"{}")
    with pytest.raises(SignatureError):
        verify(secret=secret, headers={"webhook-id": "msg_1"}, body=b"{}")
