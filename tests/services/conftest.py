"""A kiosk opened on a fresh data directory with the sample catalog."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.settings import load_settings


@pytest.fixture
def kiosk() -> Iterator[KioskRuntime]:
    """Open, hand over, close."""
    runtime = open_kiosk(load_settings())
    try:
        yield runtime
    finally:
        runtime.close()
