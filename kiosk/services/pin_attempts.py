"""One PIN attempt against a stored salted scrypt hash, with failures in a row and the lock kept in the row.

Shared by the technician exit (one PIN per kiosk) and the village helpers' sign-in (one PIN per helper, its
failures counted on this terminal). The PIN itself is never stored, logged or audited.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, Protocol

from kiosk.domain.catalog import Text
from kiosk.domain.staff_pin import MAX_FAILURES, PinHash, after_wrong_pin, lock_in_force, pin_matches

PinOutcome = Literal["ok", "wrong", "locked", "not_set", "unknown", "revoked"]
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
        """True when the PIN was right and the person may pass."""
        return self.outcome == "ok"


ACCEPTED = PinCheck(outcome="ok", message=Text("密码正确", "PIN accepted"))


class PinRow(Protocol):
    """A stored PIN hash with its failures in a row and its lock (TechnicianPin, HelperAccount)."""

    @property
    def scrypt_n(self) -> int | None: ...
    @property
    def scrypt_r(self) -> int | None: ...
    @property
    def scrypt_p(self) -> int | None: ...
    @property
    def salt(self) -> bytes | None: ...
    @property
    def pin_hash(self) -> bytes | None: ...

    failed_attempts: int
    locked_until: str | None


def locked(until: datetime) -> PinCheck:
    """Refused: too many wrong PINs; the lock ends at `until`."""
    shown = until.strftime("%H:%M")
    return PinCheck(
        outcome="locked",
        message=Text(
            f"密码连续输错 {MAX_FAILURES} 次，已锁定至 {shown}，请稍后再试",
            f"Too many wrong PINs in a row; locked until {shown}. Please try again later.",
        ),
        locked_until=until,
    )


def wrong(attempts_left: int) -> PinCheck:
    """A wrong PIN, and how many tries are left before the lock."""
    return PinCheck(
        outcome="wrong",
        message=Text(
            f"密码错误，还可以再试 {attempts_left} 次",
            f"Wrong PIN; {attempts_left} attempts left before the PIN is locked.",
        ),
        attempts_left=attempts_left,
    )


def stored_lock(row: PinRow) -> datetime | None:
    """The lock the row holds (perhaps run out), or None."""
    return datetime.fromisoformat(row.locked_until) if row.locked_until else None


def lock_now(row: PinRow, *, now: datetime, lockout: timedelta) -> datetime | None:
    """When the row's lock in force ends, or None (not an attempt: nothing changes)."""
    return lock_in_force(stored_lock(row), now=now, lockout=lockout)


def attempt_pin(
    row: PinRow, pin: str, *, now: datetime, lockout: timedelta, actor: str
) -> tuple[PinCheck, AuditEvents]:
    """Apply one attempt to `row` (its counters change): the answer, and the audit entries (`actor`.pin_…)."""
    held = stored_lock(row)
    locked_until = lock_in_force(held, now=now, lockout=lockout)
    if locked_until is not None:  # refused without looking at the PIN
        row.locked_until = locked_until.isoformat()
        return locked(locked_until), [
            (f"{actor}.locked", {"locked_until": row.locked_until, "event": "attempt_refused"})
        ]
    if held is not None:  # the lock has run out: a fresh set of attempts
        row.failed_attempts, row.locked_until = 0, None
    assert row.scrypt_n and row.scrypt_r and row.scrypt_p and row.salt and row.pin_hash, "a PIN is set"
    stored = PinHash(n=row.scrypt_n, r=row.scrypt_r, p=row.scrypt_p, salt=row.salt, digest=row.pin_hash)
    if pin_matches(pin, stored):
        row.failed_attempts = 0
        return ACCEPTED, [(f"{actor}.pin_ok", {})]
    row.failed_attempts, new_lock = after_wrong_pin(row.failed_attempts, now=now, lockout=lockout)
    attempts_left = max(MAX_FAILURES - row.failed_attempts, 0)
    wrong_event: dict[str, object] = {
        "failures_in_a_row": row.failed_attempts,
        "attempts_left": attempts_left,
    }
    if new_lock is None:
        return wrong(attempts_left), [(f"{actor}.pin_wrong", wrong_event)]
    row.locked_until = new_lock.isoformat()
    lock_event = {"locked_until": row.locked_until, "event": "lock_started"}
    return locked(new_lock), [(f"{actor}.pin_wrong", wrong_event), (f"{actor}.locked", lock_event)]
