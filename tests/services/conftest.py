"""Fixtures of the sync tests: a real county server process and a kiosk enrolled with it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.services.runtime import KioskRuntime
from tests.sync.county_helpers import County, enrol, running_county


@pytest.fixture
def county(tmp_path: Path) -> Iterator[County]:
    """A county server on 127.0.0.1, port 0, with its own SQLite file."""
    with running_county(tmp_path) as server:
        yield server


@pytest.fixture
def enrolled(kiosk: KioskRuntime, county: County) -> KioskRuntime:
    """The test's kiosk, enrolled with the county server."""
    enrol(kiosk, county)
    return kiosk


@pytest.fixture(autouse=True)
def _close_the_kiosk_log_file() -> Iterator[None]:
    """kiosk-admin attaches a rotating log file to the root logger; close it after each test."""
    yield
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == "bianmin-kiosk-file":
            root.removeHandler(handler)
            handler.close()
