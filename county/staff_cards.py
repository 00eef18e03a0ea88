"""Staff cards for village helpers: the county's signing key (made once, its public half published to every
kiosk in the county config) and the QR payload of one helper's card."""

from __future__ import annotations

import base64
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from county.config import update_config
from county.helpers import HelperError, checked_staff_no
from county.models import CountyKey, Helper
from sync.protocol import sign_staff_card

KEY_NAME = "staff_card"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def staff_card_key(session: Session, *, now: datetime) -> Ed25519PrivateKey:
    """The county's staff-card key; made (and its public half published to the kiosks) the first time."""
    row = session.get(CountyKey, KEY_NAME)
    if row is not None:
        return Ed25519PrivateKey.from_private_bytes(row.private_key)
    key = Ed25519PrivateKey.generate()
    public = _b64(key.public_key().public_bytes_raw())
    session.add(
        CountyKey(name=KEY_NAME, private_key=key.private_bytes_raw(), public_key=public, created_at=now)
    )
    update_config(session, {"staff_card_public_key": public}, now=now)
    return key


def issue_staff_card(session: Session, *, staff_no: str, now: datetime) -> str:
    """The QR payload of an active helper's staff card."""
    staff_no = checked_staff_no(staff_no)
    helper = session.get(Helper, staff_no)
    if helper is None:
        raise HelperError(
            "unknown_helper", zh=f"未知的帮办员工号：{staff_no}", en=f"unknown helper: {staff_no}"
        )
    if helper.state == "revoked":
        raise HelperError(
            "helper_revoked", zh=f"帮办员已停用：{staff_no}", en=f"helper is revoked: {staff_no}"
        )
    return sign_staff_card(staff_card_key(session, now=now), staff_no)
