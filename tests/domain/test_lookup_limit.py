"""The limit on look-ups by ID number and phone that find nothing: a window of failures, then a lock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kiosk.domain.lookup_limit import (
    FAILURE_WINDOW,
    LOCKOUT,
    MAX_FAILED_LOOKUPS,
    FailedLookups,
    after_failed_lookup,
    lock_of,
    lookups_left,
)

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _fail(
    times: int, *, start: FailedLookups | None = None, every: timedelta = timedelta(minutes=1)
) -> FailedLookups:
    count = start or FailedLookups()
    for step in range(times):
        count = after_failed_lookup(count, now=NOW + step * every)
    return count


def test_the_last_allowed_failure_starts_the_lock_and_the_lock_ends_after_lockout() -> None:
    count = _fail(MAX_FAILED_LOOKUPS - 1)
    assert lock_of(count, now=NOW + timedelta(minutes=4)) is None
    assert lookups_left(count, now=NOW + timedelta(minutes=4)) == 1
    last = NOW + timedelta(minutes=MAX_FAILED_LOOKUPS)
    locked = after_failed_lookup(count, now=last)
    assert lock_of(locked, now=last) == last + LOCKOUT
    assert lock_of(locked, now=last + LOCKOUT) is None
    assert lookups_left(locked, now=last + LOCKOUT) == MAX_FAILED_LOOKUPS  # a fresh set of tries


def test_failures_older_than_the_window_no_longer_count() -> None:
    count = _fail(MAX_FAILED_LOOKUPS - 1)
    later = NOW + FAILURE_WINDOW
    assert lookups_left(count, now=later) == MAX_FAILED_LOOKUPS
    assert lock_of(after_failed_lookup(count, now=later), now=later) is None


def test_slow_guessing_inside_the_window_still_locks() -> None:
    count = _fail(MAX_FAILED_LOOKUPS, every=FAILURE_WINDOW / MAX_FAILED_LOOKUPS)
    assert count.locked_until is not None


def test_a_clock_set_back_never_lengthens_a_lock_nor_keeps_old_failures() -> None:
    locked = _fail(MAX_FAILED_LOOKUPS)
    earlier = NOW - timedelta(days=1)
    assert lock_of(locked, now=earlier) == earlier + LOCKOUT
    assert lookups_left(_fail(2), now=earlier) == MAX_FAILED_LOOKUPS
