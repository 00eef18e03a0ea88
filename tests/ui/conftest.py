"""The real QML UI, offscreen, on a fresh kiosk data directory."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtQuick import QQuickWindow  # noqa: E402

from kiosk.services.runtime import KioskRuntime, open_kiosk  # noqa: E402
from kiosk.settings import load_settings  # noqa: E402
from kiosk.ui.app import _prepare_qt_environment, build_ui, load_shipped_font  # noqa: E402
from kiosk.ui.probe import wait_for_page  # noqa: E402

_prepare_qt_environment()  # before pytest-qt creates the application
from kiosk.ui.viewmodel import KioskViewModel  # noqa: E402


@dataclass
class KioskUi:
    """What a UI test works with."""

    kiosk: KioskRuntime
    vm: KioskViewModel
    window: QQuickWindow


@pytest.fixture
def ui(qapp: object, tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[KioskUi]:
    """Start the kiosk UI in a 1280×800 window and tear it down afterwards."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # the pinyin user dictionary lands here
    load_shipped_font()
    kiosk = open_kiosk(load_settings())
    handle = build_ui(kiosk, windowed=True)
    handle.window.resize(1280, 800)
    wait_for_page(handle.window)
    try:
        yield KioskUi(kiosk, handle.viewmodel, handle.window)
    finally:
        handle.close()
        kiosk.close()
