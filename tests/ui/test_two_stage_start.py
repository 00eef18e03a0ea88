"""The kiosk starts in two stages: home shows before the store opens; then what needs the store appears."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtQuick import QQuickWindow

from kiosk.services.runtime import kiosk_opened_later
from kiosk.settings import load_settings
from kiosk.ui.app import build_ui, load_shipped_font, open_store_after_home
from kiosk.ui.deferred_start import import_use_cases
from kiosk.ui.probe import find_item, find_items, tap, wait_for_page, wait_until


def _shown_text(window: QQuickWindow, name: str) -> str:
    """The text of the visible item with this objectName, or "" when none shows."""
    return "".join(str(item.property("text")) for item in find_items(window, name))


def test_the_home_screen_needs_none_of_the_stores_libraries() -> None:
    heavy = ("sqlalchemy", "cryptography", "pydantic", "reportlab", "requests", "apscheduler", "pypinyin")
    probe = f"import sys, kiosk.ui.app; print(','.join(m for m in {heavy!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == ""


def test_home_shows_while_the_store_opens_and_then_the_kiosk_serves(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    load_shipped_font()
    kiosk, open_store = kiosk_opened_later(load_settings(), warm=import_use_cases)
    opened: list[None] = []
    ui = build_ui(kiosk, windowed=True)
    failures: list[BaseException] = []
    deferred = open_store_after_home(
        kiosk, ui, lambda: (opened.append(None), open_store()), on_failure=failures.append
    )
    try:
        assert not opened and not kiosk.is_open()
        assert _shown_text(ui.window, "sampleNotice") == ""  # the catalog is not read before the store opens
        assert find_items(ui.window, "fileTile")
        wait_for_page(ui.window)  # home is on screen, and only then does the store begin to open
        wait_until(lambda: _shown_text(ui.window, "sampleNotice") != "", timeout_ms=30_000)
        assert opened and kiosk.is_open()
        assert "示例数据" in _shown_text(ui.window, "sampleNotice")  # the sample catalog says so once known
        wait_until(lambda: _shown_text(ui.window, "serviceNotice") != "")  # offline, nothing queued
        wait_until(lambda: deferred.index_builder is not None and not deferred.index_builder.is_alive())
        tap(ui.window, find_item(ui.window, "fileTile"))
        wait_until(lambda: bool(find_items(ui.window, "categoryPage")))
        assert not failures
    finally:
        deferred.shutdown()
        ui.close()
        kiosk.close()


def test_a_store_that_cannot_open_after_home_showed_stops_the_kiosk_with_its_reason(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    data = tmp_path / "kiosk-data"
    data.mkdir()
    (data / "kiosk.db").write_bytes(b"definitely not sqlite " * 200)
    load_shipped_font()
    kiosk, open_store = kiosk_opened_later(load_settings(), warm=import_use_cases)
    ui = build_ui(kiosk, windowed=True)
    failures: list[BaseException] = []
    deferred = open_store_after_home(kiosk, ui, open_store, on_failure=failures.append)
    try:
        wait_until(lambda: bool(failures), timeout_ms=30_000)
        assert "Cannot open the local database" in getattr(failures[0], "en", "")
        assert deferred.background_sync is None and deferred.index_builder is None  # nothing started
    finally:
        deferred.shutdown()
        ui.close()
        kiosk.close()
