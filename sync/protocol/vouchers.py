"""Signed voucher QR payloads: short ASCII that any kiosk of the county and the county server verify offline.

Payload (144 characters, all in the QR alphanumeric set, so the code stays small)::

    BMK2:<key id, 8>.<filing id, 26>.<signature, 103>

- ``key id``: the first 5 bytes of SHA-256 over the signing device's raw Ed25519 public key, base32;
- ``filing id``: the filing's 16-byte UUID, base32;
- ``signature``: Ed25519 over ``b"BMK2:" + key id + b"." + filing id`` (the text before the last dot), base32.

Base32 is RFC 4648's upper-case alphabet without padding.

Why per-device keys rather than one county key: a voucher is issued at the moment of filing, often while
the county is unreachable, so the county cannot sign it; and a county private key copied to every kiosk
would let whoever steals one terminal forge vouchers for the whole county, with every kiosk to re-key
afterwards. Each kiosk instead signs with the Ed25519 key it already enrolled with, which never leaves
the device. The county knows every enrolled public key and publishes them to all kiosks (change type
``device_key``, with revocations), so every kiosk can check every voucher of the county offline, and a
stolen terminal is contained by revoking one key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import uuid
from dataclasses import dataclass
from typing import Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

__all__ = [
    "VOUCHER_PAYLOAD_LENGTH",
    "VOUCHER_PAYLOAD_PREFIX",
    "SignedVoucher",
    "VoucherPayloadError",
    "parse_signed_voucher",
    "sign_voucher",
    "voucher_key_id",
    "voucher_signature_is_valid",
]

VOUCHER_PAYLOAD_PREFIX: Final = "BMK2:"
KEY_ID_BYTES: Final = 5
_KEY_ID_CHARS: Final = 8
_FILING_ID_CHARS: Final = 26
_SIGNATURE_CHARS: Final = 103
VOUCHER_PAYLOAD_LENGTH: Final = (
    len(VOUCHER_PAYLOAD_PREFIX) + _KEY_ID_CHARS + _FILING_ID_CHARS + _SIGNATURE_CHARS + 2
)
_PAYLOAD = re.compile(
    rf"BMK2:(?P<key>[A-Z2-7]{{{_KEY_ID_CHARS}}})\.(?P<filing>[A-Z2-7]{{{_FILING_ID_CHARS}}})"
    rf"\.(?P<signature>[A-Z2-7]{{{_SIGNATURE_CHARS}}})"
)


class VoucherPayloadError(ValueError):
    """Text that is not a well-formed signed voucher payload (it says nothing about the signature)."""


@dataclass(frozen=True, slots=True)
class SignedVoucher:
    """A parsed payload: which key signed it, for which filing, and the signature bytes."""

    key_id: str
    filing_id: str
    signature: bytes
    signed_text: str


def _b32(data: bytes) -> str:
    """RFC 4648 base32, upper case, no padding."""
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _unb32(text: str, *, size: int) -> bytes:
    """Decode unpadded base32 of exactly ``size`` bytes; VoucherPayloadError otherwise."""
    padded = text + "=" * (-len(text) % 8)
    try:
        data = base64.b32decode(padded)
    except (binascii.Error, ValueError):
        raise VoucherPayloadError("not base32") from None
    if len(data) != size or _b32(data) != text:  # refuse non-canonical spellings (extra trailing bits)
        raise VoucherPayloadError("not canonical base32")
    return data


def voucher_key_id(public_key: Ed25519PublicKey) -> str:
    """The 8-character id of a device's voucher key (from its raw public key)."""
    return _b32(hashlib.sha256(public_key.public_bytes_raw()).digest()[:KEY_ID_BYTES])


def sign_voucher(private_key: Ed25519PrivateKey, filing_id: str) -> str:
    """The QR payload for ``filing_id`` (a UUID string), signed by this device's key."""
    key_id = voucher_key_id(private_key.public_key())
    signed_text = f"{VOUCHER_PAYLOAD_PREFIX}{key_id}.{_b32(uuid.UUID(filing_id).bytes)}"
    signature = private_key.sign(signed_text.encode("ascii"))
    return f"{signed_text}.{_b32(signature)}"


def parse_signed_voucher(text: str) -> SignedVoucher:
    """Split a payload into its parts; VoucherPayloadError when it is not exactly our format."""
    match = _PAYLOAD.fullmatch(text)
    if match is None:
        raise VoucherPayloadError("not a BMK2 voucher payload")
    filing = uuid.UUID(bytes=_unb32(match["filing"], size=16))
    signature = _unb32(match["signature"], size=64)
    return SignedVoucher(
        key_id=match["key"],
        filing_id=str(filing),
        signature=signature,
        signed_text=text[: match.start("signature") - 1],
    )


def voucher_signature_is_valid(voucher: SignedVoucher, public_key: Ed25519PublicKey) -> bool:
    """True when ``public_key`` has the voucher's key id and signed exactly this voucher."""
    if voucher_key_id(public_key) != voucher.key_id:
        return False
    try:
        public_key.verify(voucher.signature, voucher.signed_text.encode("ascii"))
    except InvalidSignature:
        return False
    return True
