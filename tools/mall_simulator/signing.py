"""Standard Webhooks signing, as the contract requires: the secret is `whsec_` + base64 of
the key, and a delivery carries `webhook-id`, `webhook-timestamp` and `webhook-signature`
(`v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Mapping

SECRET_PREFIX = "whsec_"
SIGNATURE_VERSION = "v1"
# The contract's tolerance between the sender's and the CRM's clocks.
TIMESTAMP_TOLERANCE_SECONDS = 300


class SignatureError(Exception):
    """A delivery whose signature headers do not prove it came from the mall."""


def new_secret() -> str:
    """A fresh secret in the contract's format (24 random key bytes)."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode("ascii")


def secret_key(secret: str) -> bytes:
    """The key bytes of a `whsec_…` secret."""
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def new_webhook_id() -> str:
    """A unique delivery id; a retry of the same batch reuses it."""
    return "msg_" + secrets.token_hex(12)


def sign(*, secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` value of one delivery."""
    signed_content = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed_content, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode('ascii')}"


def signature_headers(*, secret: str, webhook_id: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """The three headers of a signed delivery, timestamped now unless told otherwise."""
    moment = int(time.time()) if timestamp is None else timestamp
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(moment),
        "webhook-signature": sign(secret=secret, webhook_id=webhook_id, timestamp=moment, body=body),
    }


def verify(
    *,
    secret: str,
    headers: Mapping[str, str],
    body: bytes,
    now: int | None = None,
    tolerance: int = TIMESTAMP_TOLERANCE_SECONDS,
) -> None:
    """Checks a delivery as the CRM must: raises SignatureError when a header is missing,
    the timestamp is too far from `now`, or none of the space-separated signatures matches."""
    lowered = {name.lower(): value for name, value in headers.items()}
    try:
        webhook_id = lowered["webhook-id"]
        timestamp = int(lowered["webhook-timestamp"])
        signatures = lowered["webhook-signature"].split()
    except (KeyError, ValueError) as error:
        raise SignatureError(f"missing or malformed header: {error}") from error
    current = int(time.time()) if now is None else now
    if abs(current - timestamp) > tolerance:
        raise SignatureError("timestamp outside the tolerance")
    expected = sign(secret=secret, webhook_id=webhook_id, timestamp=timestamp, body=body)
    if not any(hmac.compare_digest(candidate, expected) for candidate in signatures):
        raise SignatureError("no matching signature")
