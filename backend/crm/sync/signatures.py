"""Standard Webhooks signatures, as the contract specifies: `v1,` + base64 of
HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}"), the key being the base64
after `whsec_` in the secret. During a rotation two secrets are accepted."""

import base64
import hashlib
import hmac
import time

TOLERANCE_SECONDS = 5 * 60


class SignatureRefused(Exception):
    """Why a delivery's signature or timestamp is not accepted (logged, answered 401)."""


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix("whsec_"))


def sign(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    message = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), message, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def verify(
    *, secrets: list[str], webhook_id: str, timestamp: str, signature_header: str, body: bytes, now: float | None = None
) -> None:
    """Raise `SignatureRefused` unless one of the signatures is valid under one of the
    secrets and the timestamp is within five minutes of our clock."""
    if not webhook_id or not timestamp or not signature_header:
        raise SignatureRefused("缺少 webhook-id、webhook-timestamp 或 webhook-signature 请求头")
    try:
        sent_at = int(timestamp)
    except ValueError as error:
        raise SignatureRefused("webhook-timestamp 不是 Unix 秒数") from error
    current = time.time() if now is None else now
    if abs(current - sent_at) > TOLERANCE_SECONDS:
        raise SignatureRefused(f"webhook-timestamp 与服务器时间相差 {int(current - sent_at)} 秒，超过 5 分钟")
    offered = [part for part in signature_header.split() if part.startswith("v1,")]
    for secret in secrets:
        expected = sign(secret, webhook_id, sent_at, body)
        if any(hmac.compare_digest(expected, signature) for signature in offered):
            return
    raise SignatureRefused("签名不正确")
