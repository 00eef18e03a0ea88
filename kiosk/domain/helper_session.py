"""A signed-in village helper's session on a terminal: open, locked after a quiet spell, ended after hours.

Decisions: the lock comes `lock_after` after the last touch (the helper's PIN unlocks it and the work under it
stays); the session ends `end_after` after sign-in whatever happens (then it is wiped as a citizen's is, and
the helper signs in again). A clock set back never extends either: times before the sign-in count as the
sign-in, so a session never lasts longer than `end_after` from the moment it began as this terminal saw it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

SessionState = Literal["open", "locked", "ended"]


@dataclass(frozen=True, slots=True)
class HelperSession:
    """Who is signed in, since when, the last touch, and whether the screen is locked."""

    staff_no: str
    name: str
    signed_in_at: datetime
    last_touch_at: datetime
    locked: bool = False

    def state_at(self, now: datetime, *, lock_after: timedelta, end_after: timedelta) -> SessionState:
        """What the session is at `now`."""
        if now - self.signed_in_at >= end_after or now < self.signed_in_at - end_after:
            return "ended"
        if self.locked or now - self.last_touch_at >= lock_after:
            return "locked"
        return "open"

    def touched(self, now: datetime) -> HelperSession:
        """A touch while open: the quiet spell starts again (a locked screen needs the PIN, not a touch)."""
        if self.locked:
            return self
        return replace(self, last_touch_at=max(now, self.signed_in_at))

    def lock(self) -> HelperSession:
        """The screen locked (the quiet spell ran out, or the helper locked it)."""
        return replace(self, locked=True)

    def unlocked(self, now: datetime) -> HelperSession:
        """The helper's PIN was right: open again from now."""
        return replace(self, locked=False, last_touch_at=max(now, self.signed_in_at))

    def next_check(self, now: datetime, *, lock_after: timedelta, end_after: timedelta) -> timedelta:
        """How long until the state can next change (never less than a second)."""
        ends = self.signed_in_at + end_after - now
        if self.locked:
            return max(ends, timedelta(seconds=1))
        locks = self.last_touch_at + lock_after - now
        return max(min(ends, locks), timedelta(seconds=1))
