"""Use case: a citizen who lost the receipt finds their filings by ID number and the mobile number they gave.

Privacy: the look-up compares against what each filing stored (ID number and phone are AES-GCM encrypted,
so each is decrypted in memory and compared in constant time; nothing new is stored in clear). The result
holds masked data only, and no voucher code (the voucher is what rates a filing; a new receipt is the
window's job, with the ID card). Every look-up is audited with its time, outcome and the masked ID number
and phone, never the clear ones. Look-ups that find nothing are limited per terminal (kiosk.domain.lookup_limit);
the count lives in the store, so a restart resets nothing. A malformed entry is refused before any of this:
nothing is counted, audited or changed.

Filings whose personal data retention removed (kiosk.services.retention: `pii_retention_days` after the
county acknowledged them) keep nothing to compare with and are not found this way; their voucher still finds
them, and the window finds them at the county.
"""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.audit import append_audit
from db.errors import StoreError
from db.models import Filing, LookupLimit
from db.pii import REMOVED
from kiosk.domain.errors import KioskError, ValidationError
from kiosk.domain.id_number import check_id_number
from kiosk.domain.lookup_limit import (
    MAX_FAILED_LOOKUPS,
    FailedLookups,
    after_failed_lookup,
    lock_of,
    lookups_left,
)
from kiosk.domain.masking import mask_id_number, mask_mobile
from kiosk.domain.phone import check_mobile
from kiosk.services.lookup import FilingSummary, last_pull, summarize_filing
from kiosk.services.runtime import KioskRuntime

log = logging.getLogger(__name__)

LIMIT_KIND = "person"
ACTOR = "citizen@self"
AUDIT_ACTION = "lookup.by_person"
MAX_SHOWN = 5
"""The newest filings shown; older ones are counted, and the window finds them."""


@dataclass(frozen=True, slots=True)
class PersonLookup:
    """The filings of one applicant, newest first (at most MAX_SHOWN), and how many older ones there are."""

    filings: tuple[FilingSummary, ...]
    older: int = 0


class LookupLocked(KioskError):  # noqa: N818 - reads as what the person is told
    """Too many look-ups by ID number and phone found nothing on this terminal: wait, or ask the staff."""

    def __init__(self, until: datetime) -> None:
        shown = until.strftime("%H:%M")
        super().__init__(
            f"本机按身份证号码查询的失败次数过多，请于 {shown} 以后再试；或点“求助”请工作人员帮助，"
            "也可以扫描回执二维码或输入凭证号查询",
            f"Too many look-ups by ID number found nothing on this terminal; please try again after {shown}, "
            "or tap Help (求助) to ask the staff. The receipt's QR code or voucher code still works",
        )
        self.until = until


class NothingFound(KioskError):  # noqa: N818 - reads as what the person is told
    """No filing on this terminal has this ID number with this mobile number."""

    def __init__(self, tries_left: int) -> None:
        super().__init__(
            "本机没有找到这个身份证号码和手机号码的办件，请逐位核对后再试"
            f"（还可再试 {tries_left} 次）；在其他终端或窗口办理的，请到本中心窗口查询",
            "No filing on this terminal has this ID number with this mobile number; please check every digit "
            f"and try again ({tries_left} {'try' if tries_left == 1 else 'tries'} left). Filings made elsewhere: please ask at this centre's window",
        )
        self.tries_left = tries_left


def _checked(id_number: str, phone: str, *, kiosk: KioskRuntime) -> tuple[str, str]:
    """The normalised ID number and phone; ValidationError (at its field) for the first bad one."""
    checked_id = check_id_number(id_number, today=kiosk.clock().date())
    if checked_id.error is not None:
        raise ValidationError(checked_id.error.zh, checked_id.error.en, field="id_number")
    checked_phone = check_mobile(phone)
    if checked_phone.error is not None:
        raise ValidationError(checked_phone.error.zh, checked_phone.error.en, field="phone")
    return checked_id.value, checked_phone.value


def _same(stored: str, given: str) -> bool:
    return hmac.compare_digest(stored.encode("utf-8"), given.encode("utf-8"))


def _matching_filings(kiosk: KioskRuntime, session: Session, id_number: str, phone: str) -> list[str]:
    """Ids of the filings that stored this ID number and phone, newest first."""
    rows = session.execute(
        select(Filing.id, Filing.applicant_id_number_enc, Filing.applicant_phone_enc)
        .where(Filing.applicant_id_number_enc != REMOVED)  # retention left nothing to compare with
        .order_by(Filing.created_at.desc(), Filing.device_seq.desc())
    ).tuples()
    found = []
    decrypt = kiosk.cipher.decrypt
    for filing_id, id_blob, phone_blob in rows:
        try:
            if _same(decrypt(record_id=filing_id, field="id_number", blob=id_blob), id_number) and _same(
                decrypt(record_id=filing_id, field="phone", blob=phone_blob), phone
            ):
                found.append(filing_id)
        except StoreError:  # a row that cannot be read (tampered) matches nobody
            log.warning("filing %s: applicant data unreadable, skipped by the person look-up", filing_id)
    return found


def _count_of(row: LookupLimit | None) -> FailedLookups:
    if row is None:
        return FailedLookups()
    return FailedLookups(
        failures=row.failures,
        window_started_at=datetime.fromisoformat(row.window_started_at) if row.window_started_at else None,
        locked_until=datetime.fromisoformat(row.locked_until) if row.locked_until else None,
    )


def _store_count(session: Session, row: LookupLimit | None, count: FailedLookups, *, at: str) -> None:
    if row is None:
        row = LookupLimit(kind=LIMIT_KIND)
        session.add(row)
    row.failures = count.failures
    row.window_started_at = count.window_started_at.isoformat() if count.window_started_at else None
    row.locked_until = count.locked_until.isoformat() if count.locked_until else None
    row.updated_at = at


def _look_up(
    kiosk: KioskRuntime, session: Session, id_number: str, phone: str, *, now: datetime
) -> tuple[list[str], KioskError | None, dict[str, object]]:
    """One look-up in the caller's transaction: the filings found, the error to raise, what the audit says."""
    row = session.get(LookupLimit, LIMIT_KIND)
    count = _count_of(row)
    at = now.isoformat()
    locked_until = lock_of(count, now=now)
    if locked_until is not None:  # refused without looking
        return [], LookupLocked(locked_until), {"outcome": "locked", "locked_until": locked_until.isoformat()}
    found = _matching_filings(kiosk, session, id_number, phone)
    if found:
        return found, None, {"outcome": "found", "filings": found[:MAX_SHOWN], "found": len(found)}
    count = after_failed_lookup(count, now=now)
    _store_count(session, row, count, at=at)
    if count.locked_until is not None:
        detail: dict[str, object] = {"outcome": "not_found", "locked_until": count.locked_until.isoformat()}
        return [], LookupLocked(count.locked_until), detail
    left = lookups_left(count, now=now)
    return [], NothingFound(left), {"outcome": "not_found", "tries_left": left}


def lookup_by_person(kiosk: KioskRuntime, *, id_number: str, phone: str) -> PersonLookup:
    """The filings on this terminal that stored this ID number and mobile number (masked data only).

    Raises ValidationError (field "id_number" or "phone") for a malformed entry, changing nothing;
    NothingFound (with the tries left) and LookupLocked (until when) otherwise, both audited and counted.
    """
    id_number, phone = _checked(id_number, phone, kiosk=kiosk)
    now = kiosk.clock()
    with kiosk.sessions.begin() as session:
        found, error, detail = _look_up(kiosk, session, id_number, phone, now=now)
        append_audit(
            session,
            at=now.isoformat(),
            actor=ACTOR,
            action=AUDIT_ACTION,
            subject_id=None,
            detail={**detail, "id_number": mask_id_number(id_number), "phone": mask_mobile(phone)},
        )
    log.info("person look-up: %s", detail["outcome"])
    if error is not None:
        raise error
    last_heard = last_pull(kiosk)
    with kiosk.sessions() as session:
        shown = tuple(
            summarize_filing(kiosk, session, filing, last_heard=last_heard, receipt_lost=True)
            for filing_id in found[:MAX_SHOWN]
            if (filing := session.get(Filing, filing_id)) is not None
        )
    return PersonLookup(filings=shown, older=len(found) - len(shown))


__all__ = ["MAX_FAILED_LOOKUPS", "LookupLocked", "NothingFound", "PersonLookup", "lookup_by_person"]
