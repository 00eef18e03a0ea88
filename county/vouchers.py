"""Voucher revocation: a global change that makes every kiosk's lookup say "revoked"."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from county.changes import append_change
from sync.protocol import VoucherRevokedChange

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
