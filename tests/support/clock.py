"""A wall clock that tests set and move by hand (use cases read time only through `kiosk.clock`)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))


class ManualClock:
    """Returns the time it was set to; `advance` moves it forward (or back, with a negative delta)."""

    def __init__(self, start: datetime) -> None:
        """Start at `start` (an aware datetime)."""
        self.now = start

    def __call__(self) -> datetime:
        """The current (set) time."""
        return self.now

    def advance(self, delta: timedelta) -> None:
        """Move the clock by `delta`."""
        self.now += delta


def china_time(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time at UTC+08:00, as a kiosk in China reads it."""
    return datetime(year, month, day, hour, minute, tzinfo=CHINA)
