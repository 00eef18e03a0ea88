"""Signed staff cards: the QR on a village helper's 工作证, checked offline by every kiosk of the county.

Payload ``BMH1:<STAFF NO>.<signature>``: the staff number in capitals, and an Ed25519 signature by the
county's staff-card key over the text before the last dot, in unpadded RFC 4648 base32 (QR alphanumeric
characters only). Kiosks learn the key's public half from the county config (`staff_card_public_key`). A card
only says who the helper is: the PIN is still asked, and a revoked helper is refused as ever.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

__all__ = [
    "STAFF_CARD_PREFIX",
    "StaffCardError",
    "sign_staff_card",
    "staff_card_public_key",
    "staff_no_of_card",
]

STAFF_CARD_PREFIX: Final = "BMH1:"
_SIGNATURE_CHARS: Final = 103
_CARD = re.compile(rf"BMH1:(?P<staff_no>[0-9A-Z-]{{1,20}})\.(?P<signature>[A-Z2-7]{{{_SIGNATURE_CHARS}}})")


class StaffCardError(ValueError):
    """Text that is not a staff card, or a card this county's key did not sign."""


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def sign_staff_card(private_key: Ed25519PrivateKey, staff_no: str) -> str:
    """The QR payload of the staff card of `staff_no` (capitals)."""
    signed_text = f"{STAFF_CARD_PREFIX}{staff_no.strip().upper()}"
    return f"{signed_text}.{_b32(private_key.sign(signed_text.encode('ascii')))}"


def staff_card_public_key(text: str) -> Ed25519PublicKey:
    """The county's staff-card key from its base64url form (as the county config carries it)."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as exc:
        raise StaffCardError("not a staff-card key") from exc


def staff_no_of_card(text: str, public_key: Ed25519PublicKey) -> str:
    """The staff number a card names, once its signature holds; StaffCardError otherwise."""
    match = _CARD.fullmatch(text.strip())
    if match is None:
        raise StaffCardError("not a staff card")
    try:
        signature = base64.b32decode(match["signature"] + "=" * (-len(match["signature"]) % 8))
        public_key.verify(signature, text.strip()[: match.start("signature") - 1].encode("ascii"))
    except (binascii.Error, ValueError, InvalidSignature):
        raise StaffCardError("not signed by this county") from None
    return match["staff_no"]
