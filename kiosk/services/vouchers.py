"""Signed vouchers on the kiosk: sign a filing's QR payload, and check any county kiosk's payload offline.

The format and the reasons for per-device keys are in `sync.protocol.vouchers`. This kiosk signs with
its device key (the file `kiosk-admin enrol` registers; made at the first filing if the kiosk is not
enrolled yet) and checks other kiosks' vouchers against the keys the county publishes.

What a verified voucher tells an offline kiosk: the filing id was made by the enrolled terminal whose key
its last bytes name, and that terminal signed it (BMK3 binds both); not that the county has received the
filing, nor that the key was not stolen before the county's revocation reached this kiosk. A legacy BMK2
payload binds nothing, so only the kiosk that signed it accepts it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Filing, VoucherKey
from kiosk.domain.errors import KioskError, ValidationError
from kiosk.services.runtime import KioskRuntime, make_record_id
from sync.enrol import load_or_create_device_key
from sync.protocol import (
    SignedVoucher,
    VoucherPayloadError,
    filing_key_id,
    load_public_key,
    parse_signed_voucher,
    sign_legacy_voucher,
    sign_voucher,
    voucher_key_id,
    voucher_key_tag,
    voucher_signature_is_valid,
)

_keys_lock = threading.Lock()
_keys: dict[Path, Ed25519PrivateKey] = {}


@dataclass(frozen=True, slots=True)
class VerifiedVoucher:
    """A voucher whose signature checked out: the filing it names and where it was issued."""

    filing_id: str
    issued_here: bool
    site: str


def device_key(kiosk: KioskRuntime) -> Ed25519PrivateKey:
    """This kiosk's private key, read once per key file (made on first use)."""
    path = kiosk.settings.device_key_path
    with _keys_lock:
        key = _keys.get(path)
        if key is None:
            key = load_or_create_device_key(path)
            _keys[path] = key
        return key


def new_filing_id(kiosk: KioskRuntime) -> str:
    """A fresh filing id that names this kiosk's key as its filer (so only this kiosk can sign its voucher)."""
    return make_record_id(issuer_tag=voucher_key_tag(device_key(kiosk).public_key()))


def sign_filing_voucher(kiosk: KioskRuntime, filing_id: str) -> str:
    """The signed QR payload for one of this kiosk's filings (BMK2 for one whose id predates the binding)."""
    key = device_key(kiosk)
    if filing_key_id(filing_id) == voucher_key_id(key.public_key()):
        return sign_voucher(key, filing_id)
    return sign_legacy_voucher(key, filing_id)


def _damaged() -> ValidationError:
    return ValidationError(
        "二维码不完整或已损坏，请重新扫描，或输入回执上的凭证码",
        "This QR code is incomplete or damaged; scan it again, or type the voucher code from the receipt.",
        field="voucher_code",
    )


def _forged() -> KioskError:
    return KioskError(
        "凭证二维码校验未通过（可能被改动过），不能使用；请到服务窗口核验",
        "This voucher QR code failed its check (it may have been altered) and cannot be used; "
        "please ask at the service desk.",
    )


def _unknown_issuer() -> KioskError:
    return KioskError(
        "本机还不认识签发这张凭证的终端，暂时无法核验；请联网后再试，或输入凭证码、到服务窗口查询",
        "This terminal does not know the terminal that issued this voucher yet and cannot check it; "
        "try again once the network is back, type the voucher code, or ask at the service desk.",
    )


def _revoked_issuer(site: str) -> KioskError:
    return KioskError(
        f"签发这张凭证的终端（{site}）已被县级中心停用，凭证需到服务窗口人工核验",
        f"The terminal that issued this voucher ({site}) was shut out by the county; "
        "please have the voucher checked at the service desk.",
    )


def _legacy_elsewhere(site: str) -> KioskError:
    return KioskError(
        f"这是旧版凭证（由{site}的终端签发），本机无法离线核验；请输入凭证码，或到签发的终端、服务窗口查询",
        f"This is an older voucher (issued by a terminal at {site}) that this terminal cannot check offline; "
        "type the voucher code, or look it up at the issuing terminal or the service desk.",
    )


def _candidate_keys(
    kiosk: KioskRuntime, session: Session, key_id: str
) -> list[tuple[Ed25519PublicKey, VoucherKey | None]]:
    """Public keys with this key id: this kiosk's own first, then those the county published."""
    own = device_key(kiosk).public_key()
    candidates: list[tuple[Ed25519PublicKey, VoucherKey | None]] = []
    if voucher_key_id(own) == key_id:
        candidates.append((own, None))
    for row in session.scalars(select(VoucherKey).where(VoucherKey.key_id == key_id)):
        try:
            candidates.append((load_public_key(row.public_key), row))
        except ValueError:
            continue  # a malformed key from the county never verifies anything
    return candidates


def verify_voucher_payload(kiosk: KioskRuntime, session: Session, text: str) -> VerifiedVoucher:
    """Check a scanned "BMK3:" (or "BMK2:") payload offline; damaged, forged and unknown ones raise a bilingual error."""
    try:
        voucher: SignedVoucher = parse_signed_voucher(text)
    except VoucherPayloadError:
        raise _damaged() from None
    candidates = _candidate_keys(kiosk, session, voucher.key_id)
    if not candidates:
        raise _unknown_issuer()
    for public_key, row in candidates:
        if not voucher_signature_is_valid(voucher, public_key):
            continue
        if row is None:
            return VerifiedVoucher(voucher.filing_id, issued_here=True, site=kiosk.settings.centre_name)
        if row.revoked:
            raise _revoked_issuer(row.site)
        if not voucher.bound:  # BMK2 binds nothing: only the kiosk that filed it can tell its own signature
            if session.get(Filing, voucher.filing_id) is not None:
                raise _forged()  # this kiosk's filing, signed by another terminal
            raise _legacy_elsewhere(row.site)
        return VerifiedVoucher(voucher.filing_id, issued_here=row.device_id == kiosk.device_id, site=row.site)
    raise _forged()
