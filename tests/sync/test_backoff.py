"""Backoff: full jitter below a doubling ceiling, Retry-After as a floor, persisted per channel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.services.runtime import KioskRuntime
from sync.backoff import (
    PULL,
    PUSH,
    BackoffPolicy,
    read_channel,
    record_failure,
    record_success,
    wait_remaining,
)

T0 = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("failures", "ceiling"),
    [(0, 0), (1, 2), (2, 4), (3, 8), (4, 16), (7, 128), (8, 256), (9, 300), (50, 300), (10_000, 300)],
)
def test_the_ceiling_doubles_from_two_seconds_and_is_truncated_at_five_minutes(
    failures: int, ceiling: float
) -> None:
    assert BackoffPolicy().ceiling(failures) == ceiling


def test_full_jitter_spans_zero_to_the_ceiling() -> None:
    policy = BackoffPolicy()
    assert policy.delay(4, rand=lambda: 0.0) == 0.0
    assert policy.delay(4, rand=lambda: 0.5) == 8.0
    assert policy.delay(4, rand=lambda: 0.999) == pytest.approx(15.984)


def test_retry_after_is_a_floor_not_a_ceiling() -> None:
    policy = BackoffPolicy()
    assert policy.delay(1, retry_after_s=30, rand=lambda: 1.0) == 30  # jitter (≤ 2 s) is below it
    assert policy.delay(9, retry_after_s=30, rand=lambda: 0.5) == 150  # jitter above it wins
    assert policy.delay(1, retry_after_s=86_400, rand=lambda: 0.0) == 3600  # absurd values are capped


def test_failures_grow_the_wait_and_survive_a_restart(kiosk: KioskRuntime) -> None:
    waits = []
    for failures in range(1, 6):
        next_at = record_failure(
            kiosk.sessions, PUSH, now=T0, error="RetryableError: refused", rand=lambda: 1.0
        )
        waits.append((next_at - T0).total_seconds())
        assert read_channel(kiosk.sessions, PUSH).consecutive_failures == failures
    assert waits == [2, 4, 8, 16, 32]
    kiosk.engine.dispose()  # as if the kiosk restarted: the state is read back from the file
    assert wait_remaining(kiosk.sessions, PUSH, now=T0) == 32
    assert wait_remaining(kiosk.sessions, PUSH, now=T0 + timedelta(seconds=30)) == 2
    assert wait_remaining(kiosk.sessions, PUSH, now=T0 + timedelta(seconds=40)) == 0
    assert wait_remaining(kiosk.sessions, PULL, now=T0) == 0, "channels back off independently"
    state = read_channel(kiosk.sessions, PUSH)
    assert state.last_error == "RetryableError: refused"


def test_retry_after_is_honoured_when_persisted(kiosk: KioskRuntime) -> None:
    next_at = record_failure(kiosk.sessions, PUSH, now=T0, error="busy", retry_after_s=120, rand=lambda: 0.3)
    assert next_at == T0 + timedelta(seconds=120)
    assert wait_remaining(kiosk.sessions, PUSH, now=T0 + timedelta(seconds=100)) == 20


def test_a_success_resets_the_channel(kiosk: KioskRuntime) -> None:
    for _ in range(6):
        record_failure(kiosk.sessions, PUSH, now=T0, error="down", rand=lambda: 1.0)
    record_success(kiosk.sessions, PUSH, now=T0)
    state = read_channel(kiosk.sessions, PUSH)
    assert (state.consecutive_failures, state.next_attempt_at, state.last_error) == (0, None, None)
    assert wait_remaining(kiosk.sessions, PUSH, now=T0) == 0
    next_at = record_failure(kiosk.sessions, PUSH, now=T0, error="down", rand=lambda: 1.0)
    assert next_at == T0 + timedelta(seconds=2), "after a success the next failure starts from the base"


def test_a_wall_clock_that_jumped_back_cannot_park_a_channel_for_hours(kiosk: KioskRuntime) -> None:
    record_failure(kiosk.sessions, PUSH, now=T0, error="down", rand=lambda: 1.0)
    assert wait_remaining(kiosk.sessions, PUSH, now=T0 - timedelta(hours=5)) == 2
