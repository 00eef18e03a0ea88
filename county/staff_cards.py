"""Staff cards for village helpers: the county's signing key (made once, its public half published to every
kiosk in the county config) and the QR payload of one helper's card."""

from __future__ import annotations

from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from county.config import STAFF_CARD_KEY, publish_config
from county.helpers import HelperError, checked_staff_no
from county.models import CountyKey, Helper
from sync.protocol import sign_staff_card


def staff_card_key(session: Session, *, now: datetime) -> Ed25519PrivateKey:
    """The county's staff-card key; made (and its public half published to the kiosks) the first time."""
    row = session.get(CountyKey, STAFF_CARD_KEY)
    if row is not None:
        return Ed25519PrivateKey.from_private_bytes(row.secret)
    key = Ed25519PrivateKey.generate()
    session.add(CountyKey(name=STAFF_CARD_KEY, secret=key.private_bytes_raw(), created_at=now))
    session.flush()
    publish_config(session, now=now)
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
