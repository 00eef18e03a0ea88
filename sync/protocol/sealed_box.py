"""Sealed boxes to the county: X25519 with an ephemeral sender key, HKDF-SHA256, ChaCha20-Poly1305.

A helper's laptop seals each outbox payload and each photo to the county's public key when it is made: the
laptop can send what it cannot read back, and only the county's private key opens it. A box is
`SEALED_FORMAT` (one byte), the sender's ephemeral public key (32), a nonce (12), then the ciphertext with
its 16-byte tag; the context (record id and kind, or an attachment's SHA-256) is the associated data, so a
box cannot be moved to another record. Every seal of the same bytes differs (fresh ephemeral key and nonce).
"""

from __future__ import annotations

import base64
import binascii
import secrets
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

__all__ = [
    "SEALED_FORMAT",
    "SEALED_OVERHEAD",
    "SealedBoxError",
    "attachment_context",
    "decode_public_key",
    "encode_public_key",
    "is_sealed",
    "open_sealed",
    "private_key_bytes",
    "public_key_of",
    "record_context",
    "seal_to",
]

SEALED_FORMAT: Final = b"\x02"
"""First byte of a sealed box (the kiosk's own AES-GCM fields start with 0x01)."""
_KEY_BYTES: Final = 32
_NONCE_BYTES: Final = 12
SEALED_OVERHEAD: Final = 1 + _KEY_BYTES + _NONCE_BYTES + 16
_HKDF_INFO: Final = b"bianmin sealed box v1"
_RAW = serialization.Encoding.Raw


class SealedBoxError(ValueError):
    """A box that does not open: another county's key, damaged, truncated, or moved to another record."""


def record_context(record_id: str, kind: str) -> bytes:
    """Associated data of a sealed outbox payload."""
    return f"bianmin-record\x1f{record_id}\x1f{kind}".encode()


def attachment_context(sha256: str) -> bytes:
    """Associated data of a sealed attachment (its name is the SHA-256 of the plaintext)."""
    return f"bianmin-attachment\x1f{sha256}".encode()


def encode_public_key(raw: bytes) -> str:
    """Raw 32-byte X25519 public key as unpadded base64url (43 characters)."""
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_public_key(text: str) -> bytes:
    """Reverse of encode_public_key; a malformed key raises SealedBoxError."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise SealedBoxError("public key is not base64url") from None
    if len(raw) != _KEY_BYTES:
        raise SealedBoxError("public key must be 32 bytes")
    return raw


def public_key_of(private_key: X25519PrivateKey) -> bytes:
    """The raw public key of a private key."""
    return private_key.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)


def private_key_bytes(private_key: X25519PrivateKey) -> bytes:
    """The raw 32 bytes of a private key (for the county's key store)."""
    return private_key.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())


def _box_key(shared: bytes, *, sender: bytes, recipient: bytes) -> ChaCha20Poly1305:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=sender + recipient, info=_HKDF_INFO).derive(shared)
    return ChaCha20Poly1305(key)


def seal_to(recipient: bytes, data: bytes, *, context: bytes) -> bytes:
    """Seal `data` to the raw X25519 public key `recipient`; only its private key opens the box."""
    ephemeral = X25519PrivateKey.generate()
    sender = public_key_of(ephemeral)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = _box_key(shared, sender=sender, recipient=recipient).encrypt(nonce, data, context)
    return SEALED_FORMAT + sender + nonce + sealed


def is_sealed(blob: bytes) -> bool:
    """True when `blob` has the form of a sealed box (it may still not open)."""
    return blob[:1] == SEALED_FORMAT and len(blob) >= SEALED_OVERHEAD


def open_sealed(private_key: X25519PrivateKey, blob: bytes, *, context: bytes) -> bytes:
    """The plaintext of a box sealed to `private_key` with `context`; anything else raises SealedBoxError."""
    if not is_sealed(blob):
        raise SealedBoxError("not a sealed box")
    sender = blob[1 : 1 + _KEY_BYTES]
    nonce = blob[1 + _KEY_BYTES : 1 + _KEY_BYTES + _NONCE_BYTES]
    try:
        shared = private_key.exchange(X25519PublicKey.from_public_bytes(sender))
        box = _box_key(shared, sender=sender, recipient=public_key_of(private_key))
        return box.decrypt(nonce, blob[1 + _KEY_BYTES + _NONCE_BYTES :], context)
    except (InvalidTag, ValueError):
        raise SealedBoxError("sealed box does not open with this key") from None
