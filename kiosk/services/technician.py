"""Use cases of the technician exit: the PIN (every attempt audited), the audited exit, the test page.

The PIN itself is never stored, logged or audited: the database keeps a salted scrypt hash with its
parameters. Failures in a row and the lock are stored in the same row, so a restart resets nothing.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from db.audit import append_audit
from db.models import TechnicianPin
from kiosk.domain.catalog import Text
from kiosk.domain.staff_pin import SALT_BYTES, check_new_pin, hash_pin
from kiosk.services.pin_attempts import AuditEvents, PinCheck, attempt_pin, lock_now, locked
from kiosk.services.printer import print_test_receipt
from kiosk.services.runtime import KioskRuntime
from printing.backends.base import PrinterBackend
from printing.backends.errors import PrinterError

log = logging.getLogger(__name__)

PIN_SLOT = 1
ACTOR = "technician"

__all__ = ["PinCheck", "before_pin_entry", "check_technician_pin", "has_technician_pin", "set_technician_pin"]


NOT_SET = PinCheck(
    outcome="not_set",
    message=Text(
        "尚未设置技术员密码，无法退出。请在终端的命令行运行 kiosk-admin set-pin 设置密码后再试。",
        "No technician PIN is set, so the technician exit is closed. "
        "Set one with `kiosk-admin set-pin` on the terminal's command line, then try again.",
    ),
)


def _lockout(kiosk: KioskRuntime) -> timedelta:
    return timedelta(minutes=kiosk.settings.technician_lockout_minutes)


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
            result, events = attempt_pin(row, pin, now=now, lockout=_lockout(kiosk), actor=ACTOR)
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
        locked_until = lock_now(row, now=now, lockout=_lockout(kiosk))
    return locked(locked_until) if locked_until is not None else None


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
