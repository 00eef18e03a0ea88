"""Use cases: rate a filing (一事一评) or a window service (一次一评) — rating, outbox row and audit entry in one
durable transaction — and ask whether a filing is already rated.

One rating per filing: the use case checks inside its write transaction (SQLite's BEGIN IMMEDIATE serialises
writers, so the check cannot race) to refuse calmly, and a partial unique index on rating.filing_id backs it
for any other writer. Window ratings have no filing and are not limited; they name the counter (窗口号, 工号).

A bad rating of a filing may be called back on the mobile number the filing gave: the UI is offered that
number masked only (`filing_callback_offer`), and the use case reads the clear number from the filing inside its
own transaction and seals it as the rating's callback_phone, as a typed number is.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.audit import append_audit
from db.errors import StoreError
from db.models import Filing, Rating
from kiosk.domain.catalog import Text
from kiosk.domain.consent import handover_matches
from kiosk.domain.errors import KioskError
from kiosk.domain.masking import mask_mobile
from kiosk.domain.phone import check_mobile
from kiosk.domain.rating import Counter, ValidRating, validate_counter, validate_rating
from kiosk.services.outbox import queue_for_county
from kiosk.services.runtime import KioskRuntime, make_record_id

log = logging.getLogger(__name__)

ALREADY_RATED = Text(
    zh="该办件已经评价过了，感谢您的反馈", en="This filing has already been rated, thank you"
)


class AlreadyRated(KioskError):  # noqa: N818 - reads as what the person is told
    """A second rating of one filing: refused calmly, nothing is written."""

    def __init__(self) -> None:
        super().__init__(ALREADY_RATED.zh, ALREADY_RATED.en)


FILING_PHONE_GONE = Text(
    zh="办理时留的号码已无法使用，请输入回访号码，或选择不需要回访",
    en="The number given with the filing can no longer be used; please type a number, or choose no call-back",
)


def _is_rated(session: Session, filing_id: str) -> bool:
    return session.scalars(select(Rating.id).where(Rating.filing_id == filing_id)).first() is not None


def _filing_mobile(kiosk: KioskRuntime, filing: Filing) -> str | None:
    """The mobile number the filing gave, normalised; None when there is none or it is no longer readable."""
    try:
        phone = kiosk.cipher.decrypt(record_id=filing.id, field="phone", blob=filing.applicant_phone_enc)
    except StoreError:  # removed after the county's acknowledgement (retention), or unreadable
        return None
    checked = check_mobile(phone)
    return checked.value if checked.error is None else None


HANDOVER_WRONG = Text(
    "身份证号后四位不对：请群众本人输入自己身份证号的最后四位",
    "Those are not the last four characters of the ID number: the resident types their own.",
)


def _handed_over(kiosk: KioskRuntime, filing: Filing, typed: str) -> bool:
    try:
        id_number = kiosk.cipher.decrypt(
            record_id=filing.id, field="id_number", blob=filing.applicant_id_number_enc
        )
    except StoreError:  # removed after the county's acknowledgement (retention): rated later by voucher
        return False
    return handover_matches(id_number, typed)


def check_handover(kiosk: KioskRuntime, filing_id: str, typed: str) -> bool:
    """请将屏幕交给群众本人评价: True when `typed` is the last four characters of the filing's ID number."""
    with kiosk.sessions() as session:
        filing = session.get(Filing, filing_id)
        return filing is not None and _handed_over(kiosk, filing, typed)


def filing_callback_offer(kiosk: KioskRuntime, filing_id: str) -> str | None:
    """The filing's mobile number masked (138****5678), to offer for a call-back; None when it has none."""
    with kiosk.sessions() as session:
        filing = session.get(Filing, filing_id)
        phone = _filing_mobile(kiosk, filing) if filing is not None else None
    return mask_mobile(phone) if phone else None


def _store_rating(
    kiosk: KioskRuntime,
    session: Session,
    valid: ValidRating,
    *,
    subject: dict[str, str],
    created_at: str,
    counter: Counter | None = None,
    given_by: str = "citizen",
) -> str:
    """Add the rating of `subject` ({"filing_id": …} or {"service_code": …}), its outbox row and audit entry."""
    rating_id = make_record_id()
    seal = kiosk.cipher.encrypt
    payload = {
        "id": rating_id,
        **subject,
        "level": int(valid.level),
        "reasons": list(valid.reasons),
        "comment": valid.comment,
        "callback_phone": valid.callback_phone,
        "given_by": given_by,
    }
    if counter is not None:
        payload["window_no"] = counter.window_no
        if counter.staff_no is not None:
            payload["staff_no"] = counter.staff_no
    session.add(
        Rating(
            id=rating_id,
            subject="filing" if "filing_id" in subject else "window",
            filing_id=subject.get("filing_id"),
            service_code=subject.get("service_code"),
            level=int(valid.level),
            reasons_json=json.dumps(list(valid.reasons)),
            comment_enc=seal(record_id=rating_id, field="comment", plaintext=valid.comment),
            callback_phone_enc=(
                seal(record_id=rating_id, field="callback_phone", plaintext=valid.callback_phone)
                if valid.callback_phone
                else None
            ),
            created_at=created_at,
            window_no=counter.window_no if counter is not None else None,
            staff_no=counter.staff_no if counter is not None else None,
            given_by=given_by,
        )
    )
    queue_for_county(
        session, kiosk.cipher, record_id=rating_id, kind="rating", payload=payload, created_at=created_at
    )
    append_audit(
        session,
        at=created_at,
        actor="citizen",
        action="rating.submit",
        subject_id=rating_id,
        detail={**subject, "level": int(valid.level), "bad": valid.level.is_bad, "given_by": given_by},
    )
    return rating_id


def rate_filing(
    kiosk: KioskRuntime,
    *,
    filing_id: str,
    level: int,
    reasons: Sequence[str] = (),
    comment: str = "",
    callback_phone: str | None = None,
    callback_to_filing_phone: bool = False,
    handover_last_four: str | None = None,
) -> str:
    """Store one rating for a filing and queue it for the county; returns the rating id.

    A bad rating (不满意, 非常不满意) needs at least one reason; a filing can be rated once. With
    `callback_to_filing_phone` (and no `callback_phone`), the call-back goes to the mobile number the filing gave.
    `handover_last_four`: the rating comes after a helper handed the screen to the resident, who typed the last
    four characters of their ID number (checked again here); it is stored as given "citizen_after_handover".
    """
    validate_rating(level=level, reasons=reasons, comment=comment, callback_phone=callback_phone)
    created_at = kiosk.clock().isoformat()
    with kiosk.sessions.begin() as session:
        filing = session.get(Filing, filing_id)
        if filing is None:
            raise KioskError("未找到该办件", "Filing not found")
        if _is_rated(session, filing_id):
            raise AlreadyRated()
        if callback_to_filing_phone and not callback_phone:
            callback_phone = _filing_mobile(kiosk, filing)
            if callback_phone is None:
                raise KioskError(FILING_PHONE_GONE.zh, FILING_PHONE_GONE.en)
        valid = validate_rating(level=level, reasons=reasons, comment=comment, callback_phone=callback_phone)
        if handover_last_four is not None and not _handed_over(kiosk, filing, handover_last_four):
            raise KioskError(HANDOVER_WRONG.zh, HANDOVER_WRONG.en)
        rating_id = _store_rating(
            kiosk,
            session,
            valid,
            subject={"filing_id": filing_id},
            created_at=created_at,
            given_by="citizen" if handover_last_four is None else "citizen_after_handover",
        )
    log.info("rating %s stored for filing %s (level %d)", rating_id, filing_id, int(valid.level))
    return rating_id


def rate_window_service(
    kiosk: KioskRuntime,
    *,
    service_code: str,
    level: int,
    reasons: Sequence[str] = (),
    comment: str = "",
    callback_phone: str | None = None,
    window_no: str | None = None,
    staff_no: str = "",
) -> str:
    """Store one rating of a service received at a counter (no filing; any number) and queue it; returns its id.

    The same rules as for a filing: a bad rating needs a reason and may leave a call-back phone number.
    `window_no` (窗口号) and `staff_no` (工号, optional) name the counter; the kiosk's screens always ask for the
    window (None is what ratings before they asked carried). Raises KioskError for a service the catalog does
    not know, ValidationError for a malformed number.
    """
    service = kiosk.catalog.service(service_code)
    counter = validate_counter(window_no=window_no, staff_no=staff_no) if window_no is not None else None
    valid = validate_rating(level=level, reasons=reasons, comment=comment, callback_phone=callback_phone)
    created_at = kiosk.clock().isoformat()
    with kiosk.sessions.begin() as session:
        rating_id = _store_rating(
            kiosk,
            session,
            valid,
            subject={"service_code": service.code},
            created_at=created_at,
            counter=counter,
        )
    log.info("rating %s stored for window service %s (level %d)", rating_id, service.code, int(valid.level))
    return rating_id


def rating_status(kiosk: KioskRuntime, filing_id: str) -> bool:
    """True when the filing has been rated (the UI shows 已评价 and offers no second rating)."""
    with kiosk.sessions() as session:
        return _is_rated(session, filing_id)
