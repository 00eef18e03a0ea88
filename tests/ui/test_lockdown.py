"""Without --windowed the kiosk fills the screen with no window decorations."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWindow

from kiosk.services.runtime import KioskRuntime
from kiosk.ui.app import build_ui, load_shipped_font


def test_default_is_full_screen_and_frameless(qapp: object, kiosk: KioskRuntime) -> None:
    load_shipped_font()
    ui = build_ui(kiosk, windowed=False)
    try:
        assert ui.window.visibility() == QWindow.Visibility.FullScreen
        assert ui.window.flags() & Qt.WindowType.FramelessWindowHint
    finally:
        ui.close()


def test_windowed_mode_is_for_development(qapp: object, kiosk: KioskRuntime) -> None:
    load_shipped_font()
    ui = build_ui(kiosk, windowed=True)
    try:
        assert ui.window.visibility() == QWindow.Visibility.Windowed
        assert not ui.window.flags() & Qt.WindowType.FramelessWindowHint
    finally:
        ui.close()
