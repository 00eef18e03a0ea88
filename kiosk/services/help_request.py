"""Use case: 求助 (help) — record a call for help, queue it for the county and audit it, in one transaction."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.audit import append_audit
from db.models import HelpRequest
from kiosk.domain.catalog import Text
from kiosk.domain.help_request import GOVERNMENT_HOTLINE, help_what_next, validate_help_request
from kiosk.domain.office_hours import parse_office_hours
from kiosk.services.outbox import queue_for_county
from kiosk.services.runtime import KioskRuntime, make_record_id

log = logging.getLogger(__name__)

# Repeated taps within this time (a frightened citizen pressing again and again) send one request.
REPEAT_WINDOW = timedelta(minutes=2)


@dataclass(frozen=True, slots=True)
class HelpRequestReceipt:
    """What the citizen is told after calling for help: what happens next, and whom to call meanwhile."""

    request_id: str
    created_at: datetime
    in_office_hours: bool
    what_next: Text
    hotline: str
    help_phone: str


def _receipt(kiosk: KioskRuntime, request_id: str, created_at: datetime) -> HelpRequestReceipt:
    in_office_hours = parse_office_hours(kiosk.settings.help_office_hours).is_open(created_at)
    help_phone = kiosk.settings.help_phone
    return HelpRequestReceipt(
        request_id=request_id,
        created_at=created_at,
        in_office_hours=in_office_hours,
        what_next=help_what_next(in_office_hours=in_office_hours, help_phone=help_phone),
        hotline=GOVERNMENT_HOTLINE,
        help_phone=help_phone,
    )


def _recent_request(session: Session, now: datetime) -> HelpRequest | None:
    latest = session.scalars(select(HelpRequest).order_by(HelpRequest.created_at.desc()).limit(1)).first()
    if latest is not None and abs(now - datetime.fromisoformat(latest.created_at)) < REPEAT_WINDOW:
        return latest
    return None


def request_help(
    kiosk: KioskRuntime, *, screen: str, reason: str = "", channel: str = "self"
) -> HelpRequestReceipt:
    """Record a call for help from `screen` (the UI's screen id; "unknown" when missing or malformed) with an
    optional reason code.

    A second call within REPEAT_WINDOW returns the first one's receipt and writes nothing. Raises
    ValidationError for an unknown reason code or channel; then nothing is written.
    """
    valid = validate_help_request(screen=screen, reason=reason, channel=channel)
    now = kiosk.clock()
    with kiosk.sessions.begin() as session:
        recent = _recent_request(session, now)
        if recent is not None:
            log.info("help request %s repeated within %s; not queued again", recent.id, REPEAT_WINDOW)
            return _receipt(kiosk, recent.id, datetime.fromisoformat(recent.created_at))
        request_id = make_record_id()
        created_at = now.isoformat()
        payload = {
            "id": request_id,
            "device_id": kiosk.device_id,
            "created_at": created_at,
            "screen": valid.screen,
            "reason": valid.reason,
            "channel": valid.channel,
        }
        session.add(
            HelpRequest(
                id=request_id,
                device_id=kiosk.device_id,
                screen=valid.screen,
                reason=valid.reason,
                channel=valid.channel,
                created_at=created_at,
            )
        )
        queue_for_county(
            session,
            kiosk.cipher,
            record_id=request_id,
            kind="help_request",
            payload=payload,
            created_at=created_at,
        )
        append_audit(
            session,
            at=created_at,
            actor=f"citizen@{valid.channel}",
            action="help_request.submit",
            subject_id=request_id,
            detail={"screen": valid.screen, "reason": valid.reason},
        )
    log.info("help request %s recorded from screen %s (reason %s)", request_id, valid.screen, valid.reason)
    return _receipt(kiosk, request_id, now)
