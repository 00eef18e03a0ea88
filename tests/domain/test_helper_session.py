"""A helper's session locks after a quiet spell, unlocks with the PIN, and ends after its hours, clock or not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kiosk.domain.helper_session import HelperSession

START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
LOCK, END = timedelta(minutes=5), timedelta(hours=8)


def _session() -> HelperSession:
    return HelperSession(staff_no="BB-1001", name="李桂兰", signed_in_at=START, last_touch_at=START)


def _state(session: HelperSession, at: datetime) -> str:
    return session.state_at(at, lock_after=LOCK, end_after=END)


def test_a_session_stays_open_while_touched_and_locks_after_the_quiet_spell() -> None:
    session = _session()
    assert _state(session, START + timedelta(minutes=4, seconds=59)) == "open"
    session = session.touched(START + timedelta(minutes=4))
    assert _state(session, START + timedelta(minutes=8)) == "open", "a touch starts the quiet spell again"
    assert _state(session, START + timedelta(minutes=9)) == "locked"


def test_a_locked_session_needs_the_pin_not_a_touch_and_unlocks_from_then() -> None:
    session = _session().lock()
    assert _state(session.touched(START + timedelta(minutes=1)), START + timedelta(minutes=1)) == "locked"
    session = session.unlocked(START + timedelta(minutes=30))
    assert _state(session, START + timedelta(minutes=34)) == "open"
    assert _state(session, START + timedelta(minutes=35)) == "locked"


def test_the_session_ends_after_its_hours_whatever_the_touches_and_a_clock_set_back_does_not_extend_it() -> (
    None
):
    session = _session()
    for minute in range(0, 8 * 60, 4):
        session = session.touched(START + timedelta(minutes=minute))
    assert _state(session, START + END - timedelta(seconds=1)) == "open"
    assert _state(session, START + END) == "ended"
    assert _state(session, START - END - timedelta(seconds=1)) == "ended", "a clock set far back ends it"
    touched_early = session.touched(START - timedelta(hours=1))
    assert touched_early.last_touch_at >= START, "a touch before the sign-in counts as at the sign-in"


def test_the_next_check_is_when_the_lock_or_the_end_comes() -> None:
    session = _session()
    assert session.next_check(START, lock_after=LOCK, end_after=END) == LOCK
    assert session.lock().next_check(START, lock_after=LOCK, end_after=END) == END
    late = START + END - timedelta(minutes=2)
    assert session.touched(late).next_check(late, lock_after=LOCK, end_after=END) == timedelta(minutes=2)
    assert session.next_check(START + END + LOCK, lock_after=LOCK, end_after=END) == timedelta(seconds=1)
