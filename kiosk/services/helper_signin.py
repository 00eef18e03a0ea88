"""A village helper signs in offline: staff number and PIN, checked against the verifier pulled from the county.

Five wrong PINs in a row lock that helper on this terminal for `helper_lockout_minutes`; every attempt is
audited (never the PIN). An unknown staff number is told apart from a wrong PIN only as "staff number or PIN
wrong", counted nowhere, so the screen does not list who the helpers are. A revoked helper, or one who has
not yet chosen a PIN with the county's set-up code, is told so plainly.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from db.audit import append_audit
from db.models import HelperAccount
from kiosk.domain.catalog import Text
from kiosk.services.pin_attempts import AuditEvents, PinCheck, attempt_pin
from kiosk.services.runtime import KioskRuntime

log = logging.getLogger(__name__)

ACTOR = "helper"

UNKNOWN = PinCheck(
    outcome="unknown",
    message=Text(
        "工号或密码不正确，请核对后再试", "The staff number or PIN is wrong; please check and try again."
    ),
)
REVOKED = PinCheck(
    outcome="revoked",
    message=Text(
        "该帮办员账号已停用，请联系县里", "This helper account has been revoked; please contact the county."
    ),
)
NO_PIN = PinCheck(
    outcome="not_set",
    message=Text(
        "您还没有设置密码：请先用县里发给您的设置码设置密码",
        "You have not chosen a PIN yet: first set one with the set-up code the county gave you.",
    ),
)


@dataclass(frozen=True, slots=True)
class SignedInHelper:
    """Who signed in: what the helper's screens and receipts show."""

    staff_no: str
    name: str


def _verdict(row: HelperAccount | None, pin: str, *, kiosk: KioskRuntime) -> tuple[PinCheck, AuditEvents]:
    if row is None:
        return UNKNOWN, [(f"{ACTOR}.unknown_staff_no", {})]
    if row.state != "active":
        return REVOKED, [(f"{ACTOR}.revoked_refused", {})]
    if row.pin_hash is None:
        return NO_PIN, [(f"{ACTOR}.pin_not_set", {})]
    lockout = timedelta(minutes=kiosk.settings.helper_lockout_minutes)
    return attempt_pin(row, pin, now=kiosk.clock(), lockout=lockout, actor=ACTOR)


def sign_in_helper(kiosk: KioskRuntime, staff_no: str, pin: str) -> tuple[PinCheck, SignedInHelper | None]:
    """One sign-in attempt: the answer to show, and the helper when it succeeded."""
    staff_no = staff_no.strip().upper()
    at = kiosk.clock().isoformat()
    with kiosk.sessions.begin() as session:
        row = session.get(HelperAccount, staff_no) if staff_no else None
        result, events = _verdict(row, pin, kiosk=kiosk)
        if row is not None:
            row.last_attempt_at = at
        subject = staff_no if row is not None else None  # an unknown number typed is not kept
        for action, detail in events:
            append_audit(session, at=at, actor=ACTOR, action=action, subject_id=subject, detail=detail)
        helper = (
            SignedInHelper(staff_no=row.staff_no, name=row.name) if row is not None and result.ok else None
        )
    log.info("helper sign-in: %s", result.outcome)
    return result, helper


def record_session_end(kiosk: KioskRuntime, staff_no: str, *, reason: str) -> None:
    """Audit the end of a helper's session: signed out, its hours ran out, or the PIN locked at the lock screen."""
    with kiosk.sessions.begin() as session:
        append_audit(
            session,
            at=kiosk.clock().isoformat(),
            actor=ACTOR,
            action=f"{ACTOR}.session_ended",
            subject_id=staff_no,
            detail={"reason": reason},
        )
    log.info("helper session ended: %s", reason)
