"""Fixtures for every test: a fresh data directory and settings that never touch the user's real ones."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.settings import load_settings
from tests.sync.county_helpers import County, enrol, running_county


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own data directory and no BIANMIN_* settings from the outside."""
    for name in list(os.environ):
        if name.startswith("BIANMIN_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("BIANMIN_DATA_DIR", str(tmp_path / "kiosk-data"))
    yield


@pytest.fixture
def kiosk() -> Iterator[KioskRuntime]:
    """A kiosk opened on the test's fresh data directory with the sample catalog."""
    runtime = open_kiosk(load_settings())
    try:
        yield runtime
    finally:
        runtime.close()


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
