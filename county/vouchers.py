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


# Why a payload is refused, for the technician or staff member who scanned it.
REFUSALS: dict[str, tuple[str, str]] = {
    "bad_signature": (
        "凭证签名无效：不是本县终端签发的，或已被改动",
        "invalid voucher signature: not issued by a terminal of this county, or forged or altered",
    ),
    "signer_did_not_file": (
        "凭证由另一台终端重新签名：签名终端不是提交该办件的终端，请核查签名终端",
        "voucher re-signed by another terminal: the signer is not the terminal that filed this filing; "
        "check the signing terminal",
    ),
    "legacy_unconfirmed": (
        "旧版凭证，且县级中心尚未收到该办件，无法确认签发终端",
        "older voucher, and the county has not received this filing yet: its issuer cannot be confirmed",
    ),
    "device_revoked": (
        "签发凭证的终端已被停用，凭证需人工核验",
        "the issuing terminal was revoked: have the voucher checked by hand",
    ),
}


def check_voucher(session: Session, payload: str) -> dict[str, Any]:
    """Verify a scanned voucher payload against the enrolled devices' keys; VoucherPayloadError if malformed.

    Returns what the county knows: whether the voucher holds (else ``reason``, a key of REFUSALS), which
    device signed it, whether that device is revoked, whether the filing has reached the county (and from
    which device), and its status. A signature holds only from the device that filed the filing: a BMK3
    filing id names its filer's key, and the county's own record of who pushed the filing must agree.
    """
    voucher = parse_signed_voucher(payload.strip().upper())
    signer = next(
        (
            device
            for device in session.scalars(select(Device))
            if _key_id(device.public_key) == voucher.key_id
            and voucher_signature_is_valid(voucher, load_public_key(device.public_key))
        ),
        None,
    )
    if signer is None:
        return {"valid": False, "reason": "bad_signature", "filing_id": voucher.filing_id}
    record = session.get(CountyRecord, voucher.filing_id)
    status = session.get(FilingStatus, voucher.filing_id)
    verdict: dict[str, Any] = {
        "valid": True,
        "filing_id": voucher.filing_id,
        "device_id": signer.id,
        "site": signer.site,
        "device_revoked": signer.revoked_at is not None,
        "received": record is not None,
        "filed_by": record.device_id if record is not None else None,
        "status": status.status if status is not None else None,
    }
    reason = _refusal(voucher.bound, signer, record)
    if reason is not None:
        verdict.update(valid=False, reason=reason)
    return verdict


def _refusal(bound: bool, signer: Device, record: CountyRecord | None) -> str | None:
    """Why a correctly signed payload still does not hold (None: it holds)."""
    if record is not None and record.device_id != signer.id:
        return "signer_did_not_file"
    if not bound and record is None:
        return "legacy_unconfirmed"
    if signer.revoked_at is not None and (record is None or record.received_at >= signer.revoked_at):
        return "device_revoked"  # what the device sent before it was shut out still holds
    return None


def _key_id(public_key: str) -> str | None:
    """The voucher key id of a stored public key (None when the stored key is malformed)."""
    try:
        return voucher_key_id(load_public_key(public_key))
    except ValueError:
        return None
