"""Use cases: rate a filing (一事一评) or a window service (一次一评) — rating, outbox row and audit entry in one
durable transaction — and ask whether a filing is already rated.

One rating per filing: the use case checks inside its write transaction (SQLite's BEGIN IMMEDIATE serialises
writers, so the check cannot race) to refuse calmly, and a partial unique index on rating.filing_id backs it
for any other writer. Window ratings have no filing and are not limited.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.audit import append_audit
from db.models import Filing, Rating
from kiosk.domain.catalog import Text
from kiosk.domain.errors import KioskError
from kiosk.domain.rating import ValidRating, validate_rating
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


def _is_rated(session: Session, filing_id: str) -> bool:
    return session.scalars(select(Rating.id).where(Rating.filing_id == filing_id)).first() is not None


def _store_rating(
    kiosk: KioskRuntime,
    session: Session,
    valid: ValidRating,
    *,
    subject: dict[str, str],
    created_at: str,
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
    }
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
        detail={**subject, "level": int(valid.level), "bad": valid.level.is_bad},
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
) -> str:
    """Store one rating for a filing and queue it for the county; returns the rating id.

    A bad rating (不满意, 非常不满意) needs at least one reason; a filing can be rated once.
    """
    valid = validate_rating(level=level, reasons=reasons, comment=comment, callback_phone=callback_phone)
    created_at = kiosk.clock().isoformat()
    with kiosk.sessions.begin() as session:
        if session.get(Filing, filing_id) is None:
            raise KioskError("未找到该办件", "Filing not found")
        if _is_rated(session, filing_id):
            raise AlreadyRated()
        rating_id = _store_rating(
            kiosk, session, valid, subject={"filing_id": filing_id}, created_at=created_at
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
) -> str:
    """Store one rating of a service received at a counter (no filing; any number) and queue it; returns its id.

    The same rules as for a filing: a bad rating needs a reason and may leave a call-back phone number.
    Raises KioskError for a service the catalog does not know.
    """
    service = kiosk.catalog.service(service_code)
    valid = validate_rating(level=level, reasons=reasons, comment=comment, callback_phone=callback_phone)
    created_at = kiosk.clock().isoformat()
    with kiosk.sessions.begin() as session:
        rating_id = _store_rating(
            kiosk, session, valid, subject={"service_code": service.code}, created_at=created_at
        )
    log.info("rating %s stored for window service %s (level %d)", rating_id, service.code, int(valid.level))
    return rating_id


def rating_status(kiosk: KioskRuntime, filing_id: str) -> bool:
    """True when the filing has been rated (the UI shows 已评价 and offers no second rating)."""
    with kiosk.sessions() as session:
        return _is_rated(session, filing_id)
