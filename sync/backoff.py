"""Truncated exponential backoff with full jitter, persisted per channel in `sync_state` so restarts keep it.

After the n-th failure in a row the channel waits `random(0, min(cap, base · 2^(n-1)))` seconds (base 2 s,
cap 300 s), but never less than a Retry-After the server gave. A success resets the channel. A wait read
back from the database is never longer than the delay that was chosen when it was stored, so a wall clock
that jumped backwards cannot park a channel for hours.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from db.models import SyncState

PUSH, PULL, HEARTBEAT = "push", "pull", "heartbeat"
CHANNELS = (PUSH, PULL, HEARTBEAT)

Random = Callable[[], float]


@dataclass(frozen=True, slots=True)
class BackoffPolicy:
    """The numbers of the backoff (protocol v1: base 2 s, cap 300 s)."""

    base_s: float = 2.0
    cap_s: float = 300.0
    max_retry_after_s: float = 3600.0

    def ceiling(self, failures: int) -> float:
        """The upper bound of the jittered delay after `failures` failures in a row (0 for none)."""
        if failures <= 0:
            return 0.0
        return min(self.cap_s, self.base_s * 2.0 ** min(failures - 1, 62))

    def delay(
        self, failures: int, *, retry_after_s: float | None = None, rand: Random = random.random
    ) -> float:
        """Full jitter below the ceiling, raised to the server's Retry-After (itself capped)."""
        jittered = rand() * self.ceiling(failures)
        if retry_after_s is None:
            return jittered
        return max(jittered, min(retry_after_s, self.max_retry_after_s))

    @property
    def longest_wait_s(self) -> float:
        """No stored wait is honoured beyond this."""
        return max(self.cap_s, self.max_retry_after_s)


DEFAULT_POLICY = BackoffPolicy()


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def _state(session: Session, channel: str) -> SyncState:
    state = session.get(SyncState, channel)
    if state is None:
        state = SyncState(channel=channel, consecutive_failures=0)
        session.add(state)
    return state


@dataclass(frozen=True, slots=True)
class ChannelState:
    """A read-only copy of one channel's row."""

    channel: str
    consecutive_failures: int
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    last_success_at: str | None
    last_error: str | None


def read_channel(sessions: sessionmaker[Session], channel: str) -> ChannelState:
    """The channel's state (a channel never used reads as healthy)."""
    with sessions() as session:
        row = session.get(SyncState, channel)
        if row is None:
            return ChannelState(channel, 0, None, None, None, None)
        next_at = datetime.fromisoformat(row.next_attempt_at) if row.next_attempt_at else None
        last_at = datetime.fromisoformat(row.last_attempt_at) if row.last_attempt_at else None
        return ChannelState(
            channel, row.consecutive_failures, next_at, last_at, row.last_success_at, row.last_error
        )


def wait_remaining(
    sessions: sessionmaker[Session], channel: str, *, now: datetime, policy: BackoffPolicy = DEFAULT_POLICY
) -> float:
    """Seconds the channel must still wait before its next attempt (0 when it may go now)."""
    state = read_channel(sessions, channel)
    if state.next_attempt_at is None:
        return 0.0
    remaining = (state.next_attempt_at - now).total_seconds()
    chosen = policy.longest_wait_s
    if state.last_attempt_at is not None:
        chosen = min(chosen, (state.next_attempt_at - state.last_attempt_at).total_seconds())
    return min(max(remaining, 0.0), chosen)


def record_failure(
    sessions: sessionmaker[Session],
    channel: str,
    *,
    now: datetime,
    error: str,
    retry_after_s: float | None = None,
    policy: BackoffPolicy = DEFAULT_POLICY,
    rand: Random = random.random,
) -> datetime:
    """Count one more failure and store when the channel may try again; returns that time."""
    with sessions.begin() as session:
        state = _state(session, channel)
        state.consecutive_failures = (state.consecutive_failures or 0) + 1
        delay = policy.delay(state.consecutive_failures, retry_after_s=retry_after_s, rand=rand)
        next_at = now + timedelta(seconds=delay)
        state.next_attempt_at = _iso(next_at)
        state.last_attempt_at = _iso(now)
        state.last_error = error[:500]
    return next_at


def record_success(sessions: sessionmaker[Session], channel: str, *, now: datetime) -> None:
    """A successful request: the channel is healthy again and may go at once next time."""
    with sessions.begin() as session:
        state = _state(session, channel)
        state.consecutive_failures = 0
        state.next_attempt_at = None
        state.last_attempt_at = _iso(now)
        state.last_success_at = _iso(now)
        state.last_error = None
