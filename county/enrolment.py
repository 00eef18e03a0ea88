"""One-time enrolment codes (Crockford base32, stored as SHA-256) and device enrolment."""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from county.config import load_config
from county.devices import publish_device_key
from county.errors import ApiError
from county.models import Device, EnrolmentCode
from sync.protocol import (
    ERROR_CODE_EXPIRED,
    ERROR_CODE_UNKNOWN,
    ERROR_CODE_USED,
    ERROR_DEVICE_EXISTS,
    EnrolRequest,
    EnrolResponse,
    load_public_key,
)

CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
GROUP_LENGTH = 4
# Crockford decoding: case-insensitive, O reads as 0, I and L as 1; hyphens and spaces are ignored.
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """A fresh code shown as ``XXXX-XXXX-XXXX`` (60 random bits)."""
    symbols = "".join(secrets.choice(CROCKFORD_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(symbols[i : i + GROUP_LENGTH] for i in range(0, CODE_LENGTH, GROUP_LENGTH))


def normalise_code(text: str) -> str | None:
    """The 12 canonical symbols of a typed code, or None when it cannot be a code."""
    kept = "".join(ch for ch in text if ch != "-" and not ch.isspace())
    symbols = kept.upper().translate(_LOOK_ALIKES)
    if len(symbols) != CODE_LENGTH or any(ch not in CROCKFORD_ALPHABET for ch in symbols):
        return None
    return symbols


def code_digest(symbols: str) -> str:
    """The stored form of a normalised code: hex SHA-256."""
    return hashlib.sha256(symbols.encode("ascii")).hexdigest()


def issue_code(session: Session, *, site: str, ttl: timedelta, now: datetime) -> str:
    """Store a new code for ``site`` (its hash and expiry only) and return it for display."""
    code = new_code()
    symbols = normalise_code(code)
    assert symbols is not None
    session.add(
        EnrolmentCode(code_sha256=code_digest(symbols), site=site, created_at=now, expires_at=now + ttl)
    )
    return code


def _has_control_characters(text: str) -> bool:
    """Tell whether ``text`` holds control or unassigned characters (never stored)."""
    return any(unicodedata.category(ch) in ("Cc", "Cs", "Cn") for ch in text)


def check_enrol_request(request: EnrolRequest) -> None:
    """Refuse (422) a public key that is not Ed25519 or names with control characters."""
    try:
        load_public_key(request.public_key)
    except ValueError:
        raise ApiError(
            422, error="invalid_public_key", zh="公钥格式无效", en="public_key is not a raw Ed25519 key"
        ) from None
    if any(
        _has_control_characters(text)
        for text in (request.device_id, request.device_name, request.app_version)
    ):
        raise ApiError(
            422,
            error="invalid_request",
            zh="终端编号、名称或版本含有控制字符",
            en="device_id, device_name or app_version holds control characters",
        )


def _unknown_code() -> ApiError:
    """404: no such code (also for text that cannot be a code)."""
    return ApiError(404, error=ERROR_CODE_UNKNOWN, zh="登记码无效", en="unknown enrolment code")


def _check_code(row: EnrolmentCode | None, *, now: datetime) -> EnrolmentCode:
    """Refuse an unknown, used or expired code (in that order)."""
    if row is None:
        raise _unknown_code()
    if row.used_at is not None:
        raise ApiError(
            409,
            error=ERROR_CODE_USED,
            zh="登记码已被使用，请向县级管理员申请新的登记码",
            en="enrolment code already used; ask for a new one",
        )
    if row.expires_at <= now:
        raise ApiError(
            410,
            error=ERROR_CODE_EXPIRED,
            zh="登记码已过期，请向县级管理员申请新的登记码",
            en="enrolment code expired; ask for a new one",
        )
    return row


def _check_device(existing: Device | None, request: EnrolRequest) -> None:
    """Refuse a device id held by another key, or one that was revoked."""
    if existing is not None and (
        existing.public_key != request.public_key or existing.revoked_at is not None
    ):
        raise ApiError(
            409,
            error=ERROR_DEVICE_EXISTS,
            zh="该终端编号已用其他密钥登记或已被停用",
            en="this device id is already registered with another key, or revoked",
        )


def enrol(session: Session, request: EnrolRequest, *, now: datetime) -> EnrolResponse:
    """Register the device with the code's site and use the code up (one transaction).

    The same device with the same key may enrol again with a new code (its answer was lost).
    """
    symbols = normalise_code(request.code)
    if symbols is None:
        raise _unknown_code()
    digest = code_digest(symbols)
    row = _check_code(session.get(EnrolmentCode, digest), now=now)
    existing = session.get(Device, request.device_id)
    _check_device(existing, request)
    claimed = session.execute(
        update(EnrolmentCode)
        .where(EnrolmentCode.code_sha256 == digest, EnrolmentCode.used_at.is_(None))
        .values(used_at=now, used_by_device=request.device_id)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        # Another request used the code between our read and this update.
        _check_code(session.get(EnrolmentCode, digest, populate_existing=True), now=now)
        raise AssertionError("enrolment code changed under us")  # pragma: no cover
    if existing is None:
        device = Device(
            id=request.device_id,
            public_key=request.public_key,
            site=row.site,
            name=request.device_name,
            app_version=request.app_version,
            enrolled_at=now,
        )
        session.add(device)
    else:
        device = existing
        device.site, device.name, device.app_version = (row.site, request.device_name, request.app_version)
    publish_device_key(session, device, now=now)
    return EnrolResponse(
        device_id=request.device_id,
        site=row.site,
        config=load_config(session),
        server_time=int(now.timestamp()),
    )
