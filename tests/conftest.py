"""Fixtures for every test: a fresh data directory and settings that never touch the user's real ones."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.settings import load_settings


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
