"""How many look-ups by ID number and mobile number may find nothing before a terminal stops for a while.

Decisions: a terminal stands in a public place, and an ID number with a guessed mobile number (or the other
way round) must not be tried over and over. MAX_FAILED_LOOKUPS look-ups that find nothing within
FAILURE_WINDOW lock the ID-and-phone look-up of the whole terminal for LOCKOUT; the voucher look-up stays open.
A look-up that finds a filing does not reset the count (one known pair must not buy more guesses), and a
malformed entry is not a look-up at all. A lock never lasts longer than LOCKOUT from now, even if the clock
was set back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.domain.staff_pin import lock_in_force

MAX_FAILED_LOOKUPS = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class FailedLookups:
    """The look-ups that found nothing in the current window, and the lock they started (if any)."""

    failures: int = 0
    window_started_at: datetime | None = None
    locked_until: datetime | None = None


def lock_of(count: FailedLookups, *, now: datetime) -> datetime | None:
    """When the lock in force ends, or None when look-ups may go ahead."""
    return lock_in_force(count.locked_until, now=now, lockout=LOCKOUT)


def failures_now(count: FailedLookups, *, now: datetime) -> int:
    """The failures that still count: none once the window has passed (or the clock went back before it)."""
    start = count.window_started_at
    if start is None or not start <= now < start + FAILURE_WINDOW:
        return 0
    return count.failures


def after_failed_lookup(count: FailedLookups, *, now: datetime) -> FailedLookups:
    """The count after one more look-up that found nothing; the last allowed one starts the lock."""
    failures = failures_now(count, now=now)
    start = count.window_started_at if failures else now
    failures += 1
    if failures >= MAX_FAILED_LOOKUPS:
        return FailedLookups(failures=0, window_started_at=None, locked_until=now + LOCKOUT)
    return FailedLookups(failures=failures, window_started_at=start, locked_until=None)


def lookups_left(count: FailedLookups, *, now: datetime) -> int:
    """How many more look-ups may find nothing before the lock starts."""
    return MAX_FAILED_LOOKUPS - failures_now(count, now=now)
