"""Vouchers on the county side: revocation (a change every kiosk pulls) and checking a signed payload."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from county.changes import append_change
from county.models import CountyRecord, Device, FilingStatus
from sync.protocol import (
    VoucherRevokedChange,
    load_public_key,
    parse_signed_voucher,
    voucher_key_id,
    voucher_signature_is_valid,
)

# As the kiosk reads typed vouchers: O reads as 0, I and L as 1, U as V; hyphens and spaces are ignored.
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def normalise_voucher(text: str) -> str:
    """The canonical 12-symbol form of a typed voucher code (not checked here)."""
    kept = "".join(ch for ch in text if ch != "-" and not ch.isspace())
    return kept.upper().translate(_LOOK_ALIKES)


def revoke_voucher(session: Session, *, code: str, reason: str, now: datetime) -> int:
    """Add a global voucher_revoked change; pydantic's ValidationError for a malformed code or reason."""
    change = VoucherRevokedChange(voucher_code=normalise_voucher(code), reason=reason)
    return append_change(session, type_="voucher_revoked", data=change.model_dump(mode="json"), now=now)


def check_voucher(session: Session, payload: str) -> dict[str, Any]:
    """Verify a scanned voucher payload against the enrolled devices' keys; VoucherPayloadError if malformed.

    Returns what the county knows: whether the signature holds, which device issued it, whether that
    device is revoked, whether the filing has reached the county, and its status.
    """
    voucher = parse_signed_voucher(payload.strip().upper())
    issuer = next(
        (
            device
            for device in session.scalars(select(Device))
            if _key_id(device.public_key) == voucher.key_id
            and voucher_signature_is_valid(voucher, load_public_key(device.public_key))
        ),
        None,
    )
    if issuer is None:
        return {"valid": False, "filing_id": voucher.filing_id}
    received = session.get(CountyRecord, voucher.filing_id) is not None
    status = session.get(FilingStatus, voucher.filing_id)
    return {
        "valid": True,
        "filing_id": voucher.filing_id,
        "device_id": issuer.id,
        "site": issuer.site,
        "device_revoked": issuer.revoked_at is not None,
        "received": received,
        "status": status.status if status is not None else None,
    }


def _key_id(public_key: str) -> str | None:
    """The voucher key id of a stored public key (None when the stored key is malformed)."""
    try:
        return voucher_key_id(load_public_key(public_key))
    except ValueError:
        return None
