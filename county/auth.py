"""Verification of signed requests, in the order PROTOCOL.md lists the checks."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection, Engine, Row, bindparam, delete, select, text
from sqlalchemy.orm import Session

from county.errors import AuthError, unsigned_error
from county.models import Device, SeenNonce, UtcDateTime
from sync.protocol import (
    ERROR_DEVICE_MISMATCH,
    ERROR_DEVICE_REVOKED,
    ERROR_NONCE_REPLAYED,
    ERROR_SIGNATURE_INVALID,
    ERROR_STALE_TIMESTAMP,
    ERROR_UNKNOWN_DEVICE,
    MAX_SKEW_S,
    REPLAY_WINDOW_S,
    SignedParts,
    load_public_key,
    parse_signed_headers,
    signature_is_valid,
)

UnixClock = Callable[[], float]
# Expired nonces are deleted at most this often (per server process), not on every request.
NONCE_PURGE_INTERVAL_S = 60.0
PUBLIC_KEY_CACHE = 4096  # parsed device keys kept (a county has a few hundred kiosks)


@dataclass(frozen=True, slots=True)
class SignedDevice:
    """The enrolled, non-revoked device whose signature a request carries."""

    device_id: str
    site: str


def device_mismatch() -> AuthError:
    """403: a ``device_id`` in the body is not the signing device."""
    return AuthError(
        403,
        error=ERROR_DEVICE_MISMATCH,
        zh="请求中的终端编号与签名终端不一致",
        en="device_id in the body differs from the signing device",
    )


def purge_expired_nonces(session: Session | Connection, *, now: datetime) -> None:
    """Forget nonces older than the replay window: their requests are stale anyway."""
    cutoff = now - timedelta(seconds=REPLAY_WINDOW_S)
    session.execute(delete(SeenNonce).where(SeenNonce.seen_at < cutoff))


# Plain SQL that SQLite (3.35+) and PostgreSQL both run; unlike the dialect-specific ORM upsert it is
# compiled once and cached, which matters on the hottest path of the server.
_CLAIM_NONCE = text(
    "INSERT INTO seen_nonce (device_id, nonce, seen_at) VALUES (:device_id, :nonce, :now) "
    "ON CONFLICT (device_id, nonce) DO UPDATE SET seen_at = excluded.seen_at "
    "WHERE seen_nonce.seen_at < :cutoff RETURNING nonce"
).bindparams(bindparam("now", type_=UtcDateTime()), bindparam("cutoff", type_=UtcDateTime()))


def claim_nonce(session: Session | Connection, *, device_id: str, nonce: str, now: datetime) -> bool:
    """Record ``nonce`` for ``device_id``; False when it was already used within the replay window.

    One statement decides (INSERT ... ON CONFLICT DO UPDATE WHERE expired ... RETURNING), so two
    requests with the same nonce cannot both pass, on SQLite and PostgreSQL alike. An expired
    row left behind (purging is periodic) is simply taken over.
    """
    cutoff = now - timedelta(seconds=REPLAY_WINDOW_S)
    parameters = {"device_id": device_id, "nonce": nonce, "now": now, "cutoff": cutoff}
    return session.execute(_CLAIM_NONCE, parameters).first() is not None


@functools.lru_cache(maxsize=PUBLIC_KEY_CACHE)
def _public_key(text: str) -> Ed25519PublicKey:
    """A registered public key, parsed once per process (a device's key never changes)."""
    return load_public_key(text)


# Only the columns a signature check needs (a Core row, not an ORM object: this runs on every request).
_DEVICE_KEY = select(Device.id, Device.public_key, Device.site, Device.revoked_at)


class RequestVerifier:
    """Checks signature headers against the device table and records nonces."""

    def __init__(self, engine: Engine, *, clock: UnixClock = time.time) -> None:
        """Read devices and record nonces through ``engine``; ``clock`` gives the Unix time."""
        self._engine = engine
        self._clock = clock
        self._next_purge = 0.0

    def verify(
        self, *, method: str, path: str, query: str, headers: Mapping[str, str], body: bytes
    ) -> SignedDevice:
        """Return the signing device, or raise AuthError (401/403) for the first check that fails.

        The device read and the nonce claim share one transaction (one pooled connection per request),
        on a Core connection: this runs before every signed request, and an ORM session adds nothing here.
        """
        parts = parse_signed_headers(headers)
        if parts is None:
            raise unsigned_error()
        now = self._clock()
        with self._engine.begin() as session:
            device = session.execute(_DEVICE_KEY.where(Device.id == parts.device_id)).first()
            _check_device_and_signature(
                device, parts, now=now, method=method, path=path, query=query, body=body
            )
            assert device is not None
            moment = datetime.fromtimestamp(now, UTC)
            if now >= self._next_purge:
                self._next_purge = now + NONCE_PURGE_INTERVAL_S
                purge_expired_nonces(session, now=moment)
            fresh = claim_nonce(session, device_id=parts.device_id, nonce=parts.nonce, now=moment)
            signed = SignedDevice(device_id=device.id, site=device.site)
        if not fresh:
            raise AuthError(
                401,
                error=ERROR_NONCE_REPLAYED,
                zh="重复的请求（随机数已使用）",
                en="request nonce was already used",
            )
        return signed


def _check_device_and_signature(
    device: Row[Any] | None,
    parts: SignedParts,
    *,
    now: float,
    method: str,
    path: str,
    query: str,
    body: bytes,
) -> None:
    """Raise AuthError for an unknown or revoked device, a stale timestamp or a bad signature."""
    if device is None:
        raise AuthError(
            401,
            error=ERROR_UNKNOWN_DEVICE,
            zh="终端未登记，请重新登记",
            en="unknown device; enrol it again",
        )
    if device.revoked_at is not None:
        raise AuthError(
            403, error=ERROR_DEVICE_REVOKED, zh="该终端已被停用", en="this device has been revoked"
        )
    if abs(parts.timestamp - now) > MAX_SKEW_S:
        raise AuthError(
            401,
            error=ERROR_STALE_TIMESTAMP,
            zh="终端时间与服务器时间相差过大",
            en="request timestamp is too far from the server time",
        )
    valid = signature_is_valid(
        _public_key(device.public_key), parts, method=method, path=path, query=query, body=body
    )
    if not valid:
        raise AuthError(
            401, error=ERROR_SIGNATURE_INVALID, zh="请求签名无效", en="request signature is invalid"
        )
