"""Without --windowed the kiosk fills the screen with no window decorations, and a citizen cannot leave it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QWindow
from PySide6.QtTest import QTest

from kiosk.services.runtime import KioskRuntime
from kiosk.ui.app import KioskUi, build_ui, load_shipped_font
from kiosk.ui.probe import find_item, settle, tap, wait_for_page, wait_until

from .event_loop import TEST_ENDED_THE_LOOP, run_event_loop_around

CLOSING_KEYS = [
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Back, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
]


@pytest.fixture
def locked(qapp: object, kiosk: KioskRuntime) -> Iterator[KioskUi]:
    """The kiosk as deployed: full screen, frameless, locked."""
    load_shipped_font()
    ui = build_ui(kiosk, windowed=False)
    wait_for_page(ui.window)
    try:
        yield ui
    finally:
        ui.close()


def _still_in_kiosk_mode(ui: KioskUi) -> bool:
    window = ui.window
    return (
        window.isVisible()
        and window.visibility() == QWindow.Visibility.FullScreen
        and bool(window.flags() & Qt.WindowType.FramelessWindowHint)
    )


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
        ui.window.close()
        settle(50)
        assert not ui.window.isVisible(), "a development window closes as usual"
    finally:
        ui.close()


def test_a_close_request_from_the_window_system_or_the_code_leaves_the_kiosk_open(locked: KioskUi) -> None:
    closing = QCloseEvent()
    QCoreApplication.sendEvent(locked.window, closing)  # what Alt+F4 or a window manager's close sends
    settle(50)
    assert not closing.isAccepted()
    assert _still_in_kiosk_mode(locked)

    locked.window.close()
    settle(50)
    assert _still_in_kiosk_mode(locked)


def test_closing_keys_do_nothing_and_the_application_keeps_running(locked: KioskUi) -> None:
    window = locked.window
    tap(window, find_item(window, "fileTile"))
    wait_for_page(window)
    quits: list[str] = []
    locked.engine.quit.connect(lambda: quits.append("Qt.quit()"))
    locked.engine.exit.connect(lambda code: quits.append(f"Qt.exit({code})"))

    def press_every_closing_key() -> None:
        for key, modifiers in CLOSING_KEYS:
            QTest.keyClick(window, key, modifiers)

    assert run_event_loop_around(press_every_closing_key) == TEST_ENDED_THE_LOOP, "something quit the kiosk"
    assert quits == []
    assert _still_in_kiosk_mode(locked)
    assert find_item(window, "categoryPage"), "Escape or Back did not leave the page either"
    tap(window, find_item(window, "homeButton"))
    wait_for_page(window)
    assert find_item(window, "fileTile"), "the kiosk still answers touches"


@pytest.mark.parametrize("leave", [QWindow.showNormal, QWindow.showMinimized, QWindow.showMaximized])
def test_the_window_goes_back_to_full_screen_when_something_takes_it_out(
    locked: KioskUi, leave: Callable[[QWindow], None]
) -> None:
    leave(locked.window)
    wait_until(lambda: _still_in_kiosk_mode(locked), timeout_ms=2000)


def test_shutting_down_lets_the_window_close(qapp: object, kiosk: KioskRuntime) -> None:
    load_shipped_font()
    ui = build_ui(kiosk, windowed=False)
    wait_for_page(ui.window)
    visible: list[bool] = []
    ui.window.visibleChanged.connect(visible.append)
    ui.close()
    assert visible == [False], "the window closed (the QML engine is destroyed next)"
