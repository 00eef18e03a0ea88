"""Request signing of protocol v1: Ed25519 over method, path, query, body digest, time and nonce (pure).

Why not RFC 9421 itself: both ends are ours, so a fixed list of covered components with one
canonical string gives the same guarantees (method, target, content digest, created time, nonce,
key id) without a structured-fields parser on a kiosk. The string is

    bianmin-sig-v1\\n{METHOD}\\n{path}\\n{query}\\n{device_id}\\n{timestamp}\\n{nonce}\\n{content_sha256}

where `content_sha256` is the unpadded base64url SHA-256 of the body bytes exactly as sent (after gzip)
and `timestamp` is Unix seconds as the kiosk believes the server's clock to be. The server refuses a
timestamp outside ±MAX_SKEW_S and any nonce it has seen within the last REPLAY_WINDOW_S.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

SIGNATURE_SCHEME: Final = "bianmin-sig-v1"
MAX_SKEW_S: Final = 300
REPLAY_WINDOW_S: Final = 2 * MAX_SKEW_S + 60

HEADER_PROTOCOL: Final = "X-Bianmin-Protocol"
HEADER_DEVICE: Final = "X-Bianmin-Device"
HEADER_TIMESTAMP: Final = "X-Bianmin-Timestamp"
HEADER_NONCE: Final = "X-Bianmin-Nonce"
HEADER_CONTENT_SHA256: Final = "X-Bianmin-Content-SHA256"
HEADER_SIGNATURE: Final = "X-Bianmin-Signature"
HEADER_SERVER_TIME: Final = "X-Bianmin-Server-Time"
# Unpadded base64url text; a SHA-256 digest is 43 characters, an Ed25519 signature 86.
_B64URL: Final = re.compile(r"[A-Za-z0-9_-]+")
_DIGEST: Final = re.compile(r"[A-Za-z0-9_-]{43}")
_SIGNATURE: Final = re.compile(r"[A-Za-z0-9_-]{86}")
SIGNED_HEADERS: Final = (
    HEADER_DEVICE,
    HEADER_TIMESTAMP,
    HEADER_NONCE,
    HEADER_CONTENT_SHA256,
    HEADER_SIGNATURE,
)


def b64url(data: bytes) -> str:
    """Unpadded base64url text of `data`."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def from_b64url(text: str) -> bytes:
    """Bytes of unpadded (or padded) base64url text; raises ValueError on anything else."""
    if not text.isascii():
        raise ValueError("not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as exc:
        raise ValueError("not base64url") from exc


def content_sha256(body: bytes) -> str:
    """The body digest carried in X-Bianmin-Content-SHA256."""
    return b64url(hashlib.sha256(body).digest())


def new_nonce() -> str:
    """16 random bytes, base64url (22 characters)."""
    return b64url(secrets.token_bytes(16))


def canonical_request(
    *, method: str, path: str, query: str, device_id: str, timestamp: int, nonce: str, body_digest: str
) -> bytes:
    """The exact bytes that are signed."""
    parts = [SIGNATURE_SCHEME, method.upper(), path, query, device_id, str(timestamp), nonce, body_digest]
    return "\n".join(parts).encode("utf-8")


def public_key_text(private_key: Ed25519PrivateKey) -> str:
    """The raw 32-byte public key as base64url, as registered at enrolment."""
    raw = private_key.public_key().public_bytes_raw()
    return b64url(raw)


def load_public_key(text: str) -> Ed25519PublicKey:
    """Parse a registered public key; raises ValueError when it is not 32 base64url bytes."""
    raw = from_b64url(text)
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def sign_request(
    private_key: Ed25519PrivateKey,
    *,
    method: str,
    path: str,
    query: str,
    body: bytes,
    device_id: str,
    timestamp: int,
    nonce: str | None = None,
) -> dict[str, str]:
    """The signature headers for one request (call at send time, never at queue time)."""
    digest = content_sha256(body)
    nonce = nonce or new_nonce()
    message = canonical_request(
        method=method,
        path=path,
        query=query,
        device_id=device_id,
        timestamp=timestamp,
        nonce=nonce,
        body_digest=digest,
    )
    return {
        HEADER_DEVICE: device_id,
        HEADER_TIMESTAMP: str(timestamp),
        HEADER_NONCE: nonce,
        HEADER_CONTENT_SHA256: digest,
        HEADER_SIGNATURE: b64url(private_key.sign(message)),
    }


@dataclass(frozen=True, slots=True)
class SignedParts:
    """The signature headers of a request, parsed but not yet trusted."""

    device_id: str
    timestamp: int
    nonce: str
    body_digest: str
    signature: bytes


def parse_signed_headers(headers: Mapping[str, str]) -> SignedParts | None:
    """Read the signature headers (case-insensitive mapping); None when any is missing or malformed."""
    values = {name: headers.get(name) for name in SIGNED_HEADERS}
    if any(value is None or value == "" for value in values.values()):
        return None
    device, timestamp, nonce, digest, signature = (str(values[name]) for name in SIGNED_HEADERS)
    # isascii(): str.isdigit() is also true for digits int() refuses, such as "²" (a latin-1 header byte).
    if not (timestamp.isascii() and timestamp.isdigit()) or len(timestamp) > 12:
        return None
    if not 16 <= len(nonce) <= 64 or len(device) > 64:
        return None
    # from_b64url() skips characters outside the alphabet, so check the text itself first.
    if not (_B64URL.fullmatch(nonce) and _DIGEST.fullmatch(digest) and _SIGNATURE.fullmatch(signature)):
        return None
    return SignedParts(device, int(timestamp), nonce, digest, from_b64url(signature))


def signature_is_valid(
    public_key: Ed25519PublicKey, parts: SignedParts, *, method: str, path: str, query: str, body: bytes
) -> bool:
    """True when the body matches its digest and the signature covers this exact request."""
    if content_sha256(body) != parts.body_digest:
        return False
    message = canonical_request(
        method=method,
        path=path,
        query=query,
        device_id=parts.device_id,
        timestamp=parts.timestamp,
        nonce=parts.nonce,
        body_digest=parts.body_digest,
    )
    try:
        public_key.verify(parts.signature, message)
    except InvalidSignature:
        return False
    return True
