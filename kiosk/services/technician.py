"""Use cases of the technician exit: the PIN (every attempt audited), the audited exit, the test page.

The PIN itself is never stored, logged or audited: the database keeps a salted scrypt hash with its
parameters. Failures in a row and the lock are stored in the same row, so a restart resets nothing.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from db.audit import append_audit
from db.models import TechnicianPin
from kiosk.domain.catalog import Text
from kiosk.domain.technician_pin import (
    MAX_FAILURES,
    SALT_BYTES,
    PinHash,
    after_wrong_pin,
    check_new_pin,
    hash_pin,
    lock_in_force,
    pin_matches,
)
from kiosk.services.printer import print_test_receipt
from kiosk.services.runtime import KioskRuntime
from printing.backends.base import PrinterBackend
from printing.backends.errors import PrinterError

log = logging.getLogger(__name__)

PIN_SLOT = 1
ACTOR = "technician"

PinOutcome = Literal["ok", "wrong", "locked", "not_set"]
AuditEvents = list[tuple[str, Mapping[str, object]]]


@dataclass(frozen=True, slots=True)
class PinCheck:
    """The answer to one PIN attempt, with the message to show."""

    outcome: PinOutcome
    message: Text
    attempts_left: int = 0
    locked_until: datetime | None = None

    @property
    def ok(self) -> bool:
        """True when the technician may pass."""
        return self.outcome == "ok"


NOT_SET = PinCheck(
    outcome="not_set",
    message=Text(
        "尚未设置技术员密码，无法退出。请在终端的命令行运行 kiosk-admin set-pin 设置密码后再试。",
        "No technician PIN is set, so the technician exit is closed. "
        "Set one with `kiosk-admin set-pin` on the terminal's command line, then try again.",
    ),
)
ACCEPTED = PinCheck(outcome="ok", message=Text("密码正确", "PIN accepted"))


def _lockout(kiosk: KioskRuntime) -> timedelta:
    return timedelta(minutes=kiosk.settings.technician_lockout_minutes)


def _locked(until: datetime) -> PinCheck:
    shown = until.strftime("%H:%M")
    return PinCheck(
        outcome="locked",
        message=Text(
            f"密码连续输错 {MAX_FAILURES} 次，已锁定至 {shown}，请稍后再试",
            f"Too many wrong PINs in a row; locked until {shown}. Please try again later.",
        ),
        locked_until=until,
    )


def _wrong(attempts_left: int) -> PinCheck:
    return PinCheck(
        outcome="wrong",
        message=Text(
            f"密码错误，还可以再试 {attempts_left} 次",
            f"Wrong PIN; {attempts_left} attempts left before the PIN is locked.",
        ),
        attempts_left=attempts_left,
    )


def set_technician_pin(kiosk: KioskRuntime, pin: str) -> None:
    """Store a new PIN (replacing any old one, and lifting a lock); raises ValidationError for a weak PIN."""
    check_new_pin(pin)
    hashed = hash_pin(pin, salt=secrets.token_bytes(SALT_BYTES))
    now = kiosk.clock().isoformat()
    with kiosk.sessions.begin() as session:
        row = session.get(TechnicianPin, PIN_SLOT)
        replaced = row is not None
        if row is None:
            row = TechnicianPin(slot=PIN_SLOT)
            session.add(row)
        row.scrypt_n, row.scrypt_r, row.scrypt_p = hashed.n, hashed.r, hashed.p
        row.salt, row.pin_hash, row.set_at = hashed.salt, hashed.digest, now
        row.failed_attempts, row.locked_until = 0, None
        append_audit(
            session,
            at=now,
            actor=ACTOR,
            action="technician.pin_set",
            subject_id=None,
            detail={"replaced": replaced},
        )
    log.info("technician PIN %s", "replaced" if replaced else "set")


def has_technician_pin(kiosk: KioskRuntime) -> bool:
    """True when a technician PIN has been set."""
    with kiosk.sessions() as session:
        return session.get(TechnicianPin, PIN_SLOT) is not None


def _stored_lock(row: TechnicianPin) -> datetime | None:
    return datetime.fromisoformat(row.locked_until) if row.locked_until else None


def _attempt(
    row: TechnicianPin, pin: str, *, now: datetime, lockout: timedelta
) -> tuple[PinCheck, AuditEvents]:
    """Apply one attempt to `row` (its counters change): the answer, and the audit entries it makes."""
    stored_lock = _stored_lock(row)
    locked_until = lock_in_force(stored_lock, now=now, lockout=lockout)
    if locked_until is not None:  # refused without looking at the PIN
        row.locked_until = locked_until.isoformat()
        lock_event = {"locked_until": row.locked_until, "event": "attempt_refused"}
        return _locked(locked_until), [("technician.locked", lock_event)]
    if stored_lock is not None:  # the lock has run out: a fresh set of attempts
        row.failed_attempts, row.locked_until = 0, None
    stored = PinHash(n=row.scrypt_n, r=row.scrypt_r, p=row.scrypt_p, salt=row.salt, digest=row.pin_hash)
    if pin_matches(pin, stored):
        row.failed_attempts = 0
        return ACCEPTED, [("technician.pin_ok", {})]
    row.failed_attempts, new_lock = after_wrong_pin(row.failed_attempts, now=now, lockout=lockout)
    attempts_left = max(MAX_FAILURES - row.failed_attempts, 0)
    wrong_event: dict[str, object] = {
        "failures_in_a_row": row.failed_attempts,
        "attempts_left": attempts_left,
    }
    if new_lock is None:
        return _wrong(attempts_left), [("technician.pin_wrong", wrong_event)]
    row.locked_until = new_lock.isoformat()
    lock_event = {"locked_until": row.locked_until, "event": "lock_started"}
    return _locked(new_lock), [("technician.pin_wrong", wrong_event), ("technician.locked", lock_event)]


def check_technician_pin(kiosk: KioskRuntime, pin: str) -> PinCheck:
    """Check one attempt at the technician exit: ok, wrong (attempts left), locked (until when) or not set."""
    now = kiosk.clock()
    at = now.isoformat()
    with kiosk.sessions.begin() as session:
        row = session.get(TechnicianPin, PIN_SLOT)
        events: AuditEvents
        if row is None:
            result, events = NOT_SET, [("technician.pin_not_set", {})]
        else:
            result, events = _attempt(row, pin, now=now, lockout=_lockout(kiosk))
            row.last_attempt_at = at
        for action, detail in events:
            append_audit(session, at=at, actor=ACTOR, action=action, subject_id=None, detail=detail)
    log.info("technician PIN attempt: %s", result.outcome)
    return result


def before_pin_entry(kiosk: KioskRuntime) -> PinCheck | None:
    """What the PIN screen says before any digit is typed: not set, or the lock in force; None: type away.

    Not an attempt: nothing is counted, changed or audited.
    """
    now = kiosk.clock()
    with kiosk.sessions() as session:
        row = session.get(TechnicianPin, PIN_SLOT)
        if row is None:
            return NOT_SET
        stored_lock = _stored_lock(row)
    locked_until = lock_in_force(stored_lock, now=now, lockout=_lockout(kiosk))
    return _locked(locked_until) if locked_until is not None else None


def record_technician_exit(kiosk: KioskRuntime) -> None:
    """Audit that the technician is closing the kiosk program (after a right PIN)."""
    at = kiosk.clock().isoformat()
    with kiosk.sessions.begin() as session:
        append_audit(session, at=at, actor=ACTOR, action="technician.exit_kiosk", subject_id=None, detail={})
    log.info("technician exit: the kiosk program is closing")


def print_technician_test_page(kiosk: KioskRuntime, backend: PrinterBackend) -> Text:
    """Print the printer test page now (audited, as `kiosk-admin print-test`) and say how it went."""
    try:
        status = print_test_receipt(kiosk, backend)
    except PrinterError as exc:
        return Text(f"测试页没有打印：{exc.zh}", f"The test page was not printed: {exc.en}")
    if status.error_zh:
        return Text(f"测试页已打印。{status.error_zh}", f"Test page printed. {status.error_en}")
    return Text("测试页已打印，请查看出纸口", "Test page printed; please check the paper slot.")
