"""Verification of signed requests, in the order PROTOCOL.md lists the checks."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from county.db import read_only
from county.errors import AuthError, unsigned_error
from county.models import Device, SeenNonce
from sync.protocol import (
    ERROR_DEVICE_MISMATCH,
    ERROR_DEVICE_REVOKED,
    ERROR_NONCE_REPLAYED,
    ERROR_SIGNATURE_INVALID,
    ERROR_STALE_TIMESTAMP,
    ERROR_UNKNOWN_DEVICE,
    MAX_SKEW_S,
    REPLAY_WINDOW_S,
    load_public_key,
    parse_signed_headers,
    signature_is_valid,
)

UnixClock = Callable[[], float]


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


def claim_nonce(session: Session, *, device_id: str, nonce: str, now: datetime) -> bool:
    """Record ``nonce`` for ``device_id``; False when it was already used within the replay window.

    One statement decides (INSERT ... ON CONFLICT DO UPDATE WHERE expired ... RETURNING), so two
    requests with the same nonce cannot both pass, on SQLite and PostgreSQL alike.
    """
    cutoff = now - timedelta(seconds=REPLAY_WINDOW_S)
    session.execute(delete(SeenNonce).where(SeenNonce.device_id == device_id, SeenNonce.seen_at < cutoff))
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(SeenNonce).values(device_id=device_id, nonce=nonce, seen_at=now)
    upsert = statement.on_conflict_do_update(
        index_elements=[SeenNonce.device_id, SeenNonce.nonce],
        set_={"seen_at": statement.excluded.seen_at},
        where=SeenNonce.seen_at < cutoff,
    ).returning(SeenNonce.nonce)
    return session.execute(upsert).first() is not None


class RequestVerifier:
    """Checks signature headers against the device table and records nonces."""

    def __init__(self, engine: Engine, *, clock: UnixClock = time.time) -> None:
        """Read devices and record nonces through ``engine``; ``clock`` gives the Unix time."""
        self._sessions = sessionmaker(engine)
        self._readers = sessionmaker(read_only(engine))
        self._clock = clock

    def verify(
        self, *, method: str, path: str, query: str, headers: Mapping[str, str], body: bytes
    ) -> SignedDevice:
        """Return the signing device, or raise AuthError (401/403) for the first check that fails."""
        parts = parse_signed_headers(headers)
        if parts is None:
            raise unsigned_error()
        with self._readers() as session:
            device = session.scalar(select(Device).where(Device.id == parts.device_id))
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
        now = self._clock()
        if abs(parts.timestamp - now) > MAX_SKEW_S:
            raise AuthError(
                401,
                error=ERROR_STALE_TIMESTAMP,
                zh="终端时间与服务器时间相差过大",
                en="request timestamp is too far from the server time",
            )
        valid = signature_is_valid(
            load_public_key(device.public_key), parts, method=method, path=path, query=query, body=body
        )
        if not valid:
            raise AuthError(
                401, error=ERROR_SIGNATURE_INVALID, zh="请求签名无效", en="request signature is invalid"
            )
        with self._sessions.begin() as session:
            fresh = claim_nonce(
                session,
                device_id=parts.device_id,
                nonce=parts.nonce,
                now=datetime.fromtimestamp(now, UTC),
            )
        if not fresh:
            raise AuthError(
                401,
                error=ERROR_NONCE_REPLAYED,
                zh="重复的请求（随机数已使用）",
                en="request nonce was already used",
            )
        return SignedDevice(device_id=device.id, site=device.site)
