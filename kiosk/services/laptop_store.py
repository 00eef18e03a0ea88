"""A village helper's laptop (上门办): its store unlocks with a signed-in helper's PIN and locks at sign-out.

Residents' data on a laptop is readable only with a helper's PIN, and sync runs with no one signed in:
- what goes to the county (outbox payloads, photos) is sealed to the county's public key when it is made
  (sync.protocol.sealed_box): the laptop sends it and cannot read it back;
- the local copy (the filing's fields, its answers, photos, drafts, ratings) is encrypted with the
  signed-in helper's own data key, which is on disk only wrapped under their PIN (db.laptop_keys).
The UI calls `unlock_laptop_store` right after a successful sign-in and `lock_laptop_store` at lock and
sign-out. See docs/laptop-security.md.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from db.audit import append_audit
from db.laptop_keys import (
    LockableCipher,
    new_data_key,
    read_key_wraps,
    unwrap_data_key,
    wrap_data_key,
    write_key_wraps,
)
from db.models import HelperAccount
from kiosk.domain.errors import KioskError
from kiosk.domain.staff_pin import PinHash, pin_matches
from kiosk.services.receipts import render_receipt_document
from kiosk.services.runtime import KioskRuntime

log = logging.getLogger(__name__)

ACTOR = "helper"

NOT_A_LAPTOP = KioskError(
    "本终端不是帮办员笔记本（terminal_role 不是 helper_laptop）",
    "This terminal is not a helper laptop (terminal_role is not helper_laptop)",
)
WRONG_PIN = KioskError(
    "工号或密码不正确，本机资料未解锁，什么都没有改变",
    "The staff number or PIN is wrong; the laptop's data stays locked and nothing was changed.",
    field="pin",
)


@dataclass(frozen=True, slots=True)
class LaptopUnlock:
    """The outcome of an unlock: whose key is held, and whether it was made now.

    `new_key` is True at a helper's first unlock on this laptop, and after their PIN was reset at the
    county: the laptop's older local copies of that helper's filings then stay unreadable here (they
    reach the county all the same: what it receives is sealed to it).
    """

    staff_no: str
    new_key: bool


def _laptop_cipher(kiosk: KioskRuntime) -> LockableCipher:
    cipher = kiosk.cipher
    if not isinstance(cipher, LockableCipher):
        raise NOT_A_LAPTOP
    return cipher


def _pin_hash_of(row: HelperAccount | None) -> PinHash | None:
    if row is None or row.state != "active" or not (row.scrypt_n and row.scrypt_r and row.scrypt_p):
        return None
    if row.salt is None or row.pin_hash is None:
        return None
    return PinHash(n=row.scrypt_n, r=row.scrypt_r, p=row.scrypt_p, salt=row.salt, digest=row.pin_hash)


def unlock_laptop_store(kiosk: KioskRuntime, staff_no: str, pin: str) -> LaptopUnlock:
    """Hold the helper's data key in memory (call it after `sign_in_helper` succeeded).

    The PIN must match the helper's current verifier (an active helper's; a PIN from before a reset at the
    county no longer unlocks). Then the helper's wrap opens with it and their key is held; with no wrap
    yet, or one made under a PIN since reset, a new key is made and wrapped. A wrong PIN raises WRONG_PIN
    and changes nothing on disk (a key held before is dropped first, so a failed unlock never leaves
    someone else's data open).
    """
    cipher = _laptop_cipher(kiosk)
    cipher.lock()
    staff_no = staff_no.strip().upper()
    with kiosk.sessions() as session:
        stored = _pin_hash_of(session.get(HelperAccount, staff_no))
    if stored is None or not pin_matches(pin, stored):  # the PIN the county publishes now, and no other
        log.info("laptop unlock refused: wrong PIN")
        raise WRONG_PIN
    path = kiosk.settings.laptop_key_wraps_path
    wraps = read_key_wraps(path)
    wrap = wraps.get(staff_no)
    key = unwrap_data_key(wrap, pin) if wrap is not None else None
    new_key = key is None
    if key is None:  # a first unlock here, or a wrap made under a PIN reset since
        key = new_data_key()
        wraps[staff_no] = wrap_data_key(key, staff_no=staff_no, pin=pin, verifier_salt=stored.salt)
        write_key_wraps(path, wraps)
    cipher.unlock(key, staff_no=staff_no)
    with kiosk.sessions.begin() as session:
        append_audit(
            session,
            at=kiosk.clock().isoformat(),
            actor=ACTOR,
            action=f"{ACTOR}.laptop_unlocked",
            subject_id=staff_no,
            detail={"new_key": new_key, "replaced_wrap": new_key and wrap is not None},
        )
    log.info("laptop store unlocked (new key: %s)", new_key)
    return LaptopUnlock(staff_no=staff_no, new_key=new_key)


def lock_laptop_store(kiosk: KioskRuntime) -> None:
    """Forget the signed-in helper's data key (at lock and sign-out); sync goes on without it."""
    _laptop_cipher(kiosk).lock()
    log.info("laptop store locked")


def laptop_store_unlocked(kiosk: KioskRuntime) -> bool:
    """True on a laptop while a helper's key is held (always True on a citizen kiosk)."""
    return kiosk.cipher.is_unlocked()


def save_receipt_pdf(kiosk: KioskRuntime, filing_id: str) -> Path:
    """The receipt as an 80 mm PDF in the receipts folder (a laptop prints it later, at the station)."""
    return render_receipt_document(kiosk, filing_id).path
