"""Signed voucher QR payloads: short ASCII that any kiosk of the county and the county server verify offline.

Payload (135 characters, all in the QR alphanumeric set, so the code stays small)::

    BMK3:<filing id, 26>.<signature, 103>

- ``filing id``: the filing's 16-byte UUIDv7, base32. Its last 5 bytes are the filing device's *key tag*
  (the first 5 bytes of SHA-256 over that device's raw Ed25519 public key): the id names its filer;
- ``signature``: Ed25519 over ``b"BMK3:" + filing id`` (the text before the last dot), base32, by the key
  the tag names.

Base32 is RFC 4648's upper-case alphabet without padding.

Why per-device keys rather than one county key: a voucher is issued at the moment of filing, often while
the county is unreachable, so the county cannot sign it; and a county private key copied to every kiosk
would let whoever steals one terminal forge vouchers for the whole county, with every kiosk to re-key
afterwards. Each kiosk instead signs with the Ed25519 key it already enrolled with, which never leaves
the device. The county knows every enrolled public key and publishes them to all kiosks (change type
``device_key``, with revocations), so every kiosk can check every voucher of the county offline, and a
stolen terminal is contained by revoking one key.

Why the filing id carries its filer's key tag: a signature alone proves only that *some* enrolled device
signed *some* filing id. An enrolled terminal B could take kiosk A's filing id from A's voucher and sign
it, and a kiosk offline would show A's filing as issued by B. With the tag in the id, only the key the id
names can sign it, so a voucher re-signed by any other key fails its check anywhere, offline included.

``BMK2:<key id, 8>.<filing id, 26>.<signature, 103>`` (144 characters) is the earlier form, printed before
filing ids carried the tag. It still parses (``SignedVoucher.bound`` is False) but binds nothing: the
kiosk accepts it only when the signer is the kiosk itself, the county only when the signer is the device
the filing came from.
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
    "KEY_TAG_BYTES",
    "LEGACY_VOUCHER_PAYLOAD_PREFIX",
    "SIGNED_VOUCHER_PREFIXES",
    "VOUCHER_PAYLOAD_LENGTH",
    "VOUCHER_PAYLOAD_PREFIX",
    "SignedVoucher",
    "VoucherPayloadError",
    "filing_key_id",
    "parse_signed_voucher",
    "sign_legacy_voucher",
    "sign_voucher",
    "voucher_key_id",
    "voucher_key_tag",
    "voucher_signature_is_valid",
]

VOUCHER_PAYLOAD_PREFIX: Final = "BMK3:"
LEGACY_VOUCHER_PAYLOAD_PREFIX: Final = "BMK2:"
SIGNED_VOUCHER_PREFIXES: Final = (VOUCHER_PAYLOAD_PREFIX, LEGACY_VOUCHER_PAYLOAD_PREFIX)
KEY_TAG_BYTES: Final = 5
_KEY_ID_CHARS: Final = 8
_FILING_ID_CHARS: Final = 26
_SIGNATURE_CHARS: Final = 103
VOUCHER_PAYLOAD_LENGTH: Final = len(VOUCHER_PAYLOAD_PREFIX) + _FILING_ID_CHARS + _SIGNATURE_CHARS + 1
_PAYLOAD = re.compile(
    rf"BMK3:(?P<filing>[A-Z2-7]{{{_FILING_ID_CHARS}}})\.(?P<signature>[A-Z2-7]{{{_SIGNATURE_CHARS}}})"
)
_LEGACY_PAYLOAD = re.compile(
    rf"BMK2:(?P<key>[A-Z2-7]{{{_KEY_ID_CHARS}}})\.(?P<filing>[A-Z2-7]{{{_FILING_ID_CHARS}}})"
    rf"\.(?P<signature>[A-Z2-7]{{{_SIGNATURE_CHARS}}})"
)


class VoucherPayloadError(ValueError):
    """Text that is not a well-formed signed voucher payload (it says nothing about the signature)."""


@dataclass(frozen=True, slots=True)
class SignedVoucher:
    """A parsed payload: which key signed it, for which filing, the signature bytes, and whether it binds.

    ``bound`` is True for BMK3, where the key id is read from the filing id itself (so the signer is the
    filer, once the signature holds); False for a legacy BMK2 payload, where it is a separate field.
    """

    key_id: str
    filing_id: str
    signature: bytes
    signed_text: str
    bound: bool


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


def voucher_key_tag(public_key: Ed25519PublicKey) -> bytes:
    """The 5-byte tag of a device's key: the first bytes of SHA-256 over its raw public key."""
    return hashlib.sha256(public_key.public_bytes_raw()).digest()[:KEY_TAG_BYTES]


def voucher_key_id(public_key: Ed25519PublicKey) -> str:
    """The 8-character id of a device's voucher key (its key tag in base32)."""
    return _b32(voucher_key_tag(public_key))


def filing_key_id(filing_id: str) -> str:
    """The key id a filing id names as its filer (its last 5 bytes in base32); ValueError if not a UUID."""
    return _b32(uuid.UUID(filing_id).bytes[-KEY_TAG_BYTES:])


def sign_voucher(private_key: Ed25519PrivateKey, filing_id: str) -> str:
    """The BMK3 QR payload for ``filing_id``; ValueError when the id does not name this key as its filer."""
    if filing_key_id(filing_id) != voucher_key_id(private_key.public_key()):
        raise ValueError("this filing id was not made for this device key")
    signed_text = f"{VOUCHER_PAYLOAD_PREFIX}{_b32(uuid.UUID(filing_id).bytes)}"
    signature = private_key.sign(signed_text.encode("ascii"))
    return f"{signed_text}.{_b32(signature)}"


def sign_legacy_voucher(private_key: Ed25519PrivateKey, filing_id: str) -> str:
    """The BMK2 payload, for reprints of filings whose ids were made before they named their filer."""
    signed_text = (
        f"{LEGACY_VOUCHER_PAYLOAD_PREFIX}{voucher_key_id(private_key.public_key())}."
        f"{_b32(uuid.UUID(filing_id).bytes)}"
    )
    signature = private_key.sign(signed_text.encode("ascii"))
    return f"{signed_text}.{_b32(signature)}"


def parse_signed_voucher(text: str) -> SignedVoucher:
    """Split a BMK3 (or legacy BMK2) payload into its parts; VoucherPayloadError when it is not our format."""
    match = _PAYLOAD.fullmatch(text)
    legacy = None if match is not None else _LEGACY_PAYLOAD.fullmatch(text)
    if match is None and legacy is None:
        raise VoucherPayloadError("not a signed voucher payload")
    found = match or legacy
    assert found is not None
    filing = str(uuid.UUID(bytes=_unb32(found["filing"], size=16)))
    signature = _unb32(found["signature"], size=64)
    return SignedVoucher(
        key_id=filing_key_id(filing) if legacy is None else found["key"],
        filing_id=filing,
        signature=signature,
        signed_text=text[: found.start("signature") - 1],
        bound=legacy is None,
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
