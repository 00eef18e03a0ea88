"""The real QML UI, offscreen, on a fresh kiosk data directory."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtQuick import QQuickWindow

from kiosk.domain.zh_words import strip_joiners
from kiosk.services.runtime import Clock, KioskRuntime, open_kiosk
from kiosk.settings import load_settings
from kiosk.ui.app import build_ui, load_shipped_font, prepare_qt_environment
from kiosk.ui.probe import wait_for_page
from kiosk.ui.viewmodel import KioskViewModel

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
prepare_qt_environment()  # runs before pytest-qt creates the application


@dataclass
class KioskUi:
    """What a UI test works with."""

    kiosk: KioskRuntime
    vm: KioskViewModel
    window: QQuickWindow


_read_property = QObject.property


def _as_written(value: object) -> object:
    """A value with the word joiners left out of its strings, those in lists and dicts (view-model rows) too."""
    if isinstance(value, str):
        return strip_joiners(value)
    if isinstance(value, list):
        return [_as_written(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_written(item) for key, item in value.items()}
    return value


def _text_as_written(item: QObject, name: str) -> object:
    return _as_written(_read_property(item, name))


@pytest.fixture(autouse=True)
def texts_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read the texts of QML items and view-models as written: the invisible word joiners that keep
    Chinese words whole on a line (kiosk.domain.zh_words) are left out of every string `property()` returns;
    tests/ui/line_breaks.py reads them through QQmlProperty."""
    monkeypatch.setattr(QObject, "property", _text_as_written)


@pytest.fixture
def ui_clock() -> Clock | None:
    """The kiosk's clock in UI tests: the real one (a module overrides this fixture to move time by hand)."""
    return None


@pytest.fixture
def ui(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ui_clock: Clock | None
) -> Iterator[KioskUi]:
    """Start the kiosk UI in a 1280×800 window and tear it down afterwards."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # the pinyin user dictionary lands here
    load_shipped_font()
    kiosk = open_kiosk(load_settings()) if ui_clock is None else open_kiosk(load_settings(), clock=ui_clock)
    handle = build_ui(kiosk, windowed=True)
    handle.window.resize(1280, 800)
    wait_for_page(handle.window)
    try:
        yield KioskUi(kiosk, handle.viewmodel, handle.window)
    finally:
        handle.close()
        kiosk.close()
