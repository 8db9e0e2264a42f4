"""Key derivation for development defaults; imported by settings, so it imports no Django."""

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def derive_key(secret: str, purpose: str) -> bytes:
    """A 32-byte key for one purpose, derived from a secret (development only: production
    sets every key explicitly)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"mallcrm", info=purpose.encode())
    return hkdf.derive(secret.encode())
