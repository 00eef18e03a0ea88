"""Use case: rate a filing (好差评) — rating, outbox row and audit entry in one durable transaction."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from sqlalchemy import select

from db.audit import append_audit
from db.models import Filing, Rating
from kiosk.domain.errors import KioskError
from kiosk.domain.rating import validate_rating
from kiosk.services.outbox import queue_for_county
from kiosk.services.runtime import KioskRuntime, make_record_id

log = logging.getLogger(__name__)


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
    rating_id = make_record_id()
    created_at = kiosk.clock().isoformat()
    seal = kiosk.cipher.encrypt
    with kiosk.sessions.begin() as session:
        if session.get(Filing, filing_id) is None:
            raise KioskError("未找到该办件", "Filing not found")
        if session.scalars(select(Rating.id).where(Rating.filing_id == filing_id)).first() is not None:
            raise KioskError(
                "该办件已经评价过了，感谢您的反馈", "This filing has already been rated, thank you"
            )
        payload = {
            "id": rating_id,
            "filing_id": filing_id,
            "level": int(valid.level),
            "reasons": list(valid.reasons),
            "comment": valid.comment,
            "callback_phone": valid.callback_phone,
        }
        session.add(
            Rating(
                id=rating_id,
                filing_id=filing_id,
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
            detail={"filing_id": filing_id, "level": int(valid.level), "bad": valid.level.is_bad},
        )
    log.info("rating %s stored for filing %s (level %d)", rating_id, filing_id, int(valid.level))
    return rating_id
