"""QR module matrix for the receipt voucher (error correction M), shared by every renderer."""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M

__all__ = ["QUIET_ZONE_MODULES", "qr_matrix"]

QUIET_ZONE_MODULES = 4
"""Blank modules a renderer must leave on every side of the symbol (ISO/IEC 18004)."""


def qr_matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """Return the QR symbol for payload as rows of dark (True) modules, without the quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, box_size=1)
    code.add_data(payload)
    code.make(fit=True)
    return tuple(tuple(bool(module) for module in row) for row in code.get_matrix())
