"""Fixtures of the use-case tests that need a kiosk on a clock the test moves."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.settings import load_settings
from tests.support.clock import ManualClock, china_time

CLOCK_START = china_time(2026, 11, 25, 10, 0)


@pytest.fixture
def clock() -> ManualClock:
    """The wall clock the test's kiosk reads, at CLOCK_START."""
    return ManualClock(CLOCK_START)


@pytest.fixture
def clocked_kiosk(clock: ManualClock) -> Iterator[KioskRuntime]:
    """A kiosk on the test's data directory that reads the manual clock."""
    runtime = open_kiosk(load_settings(), clock=clock)
    try:
        yield runtime
    finally:
        runtime.close()
