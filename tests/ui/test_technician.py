"""The technician's way out: a hidden corner gesture, a PIN pad whose answers come from kiosk.services, a menu."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtQuick import QQuickWindow
from PySide6.QtTest import QTest
from sqlalchemy import select

from db.models import AuditEntry
from kiosk.domain.zh_words import strip_joiners
from kiosk.services.runtime import KioskRuntime
from kiosk.services.technician import set_technician_pin
from kiosk.ui.idle import IdleWatch
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_for_page, wait_until
from kiosk.ui.technician_model import TechnicianModel

from .conftest import KioskUi
from .event_loop import run_event_loop_around
from .readability import NORMAL, audit

PIN = "739184"
WRONG = "739185"
HOLD_MS = 3200  # the gesture asks for 3 s
LEFT, NO_MODIFIER = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


def _technician(ui: KioskUi) -> TechnicianModel:
    model = ui.window.property("technician")
    assert isinstance(model, TechnicianModel)
    return model


def _audited(kiosk: KioskRuntime) -> list[str]:
    with kiosk.sessions() as session:
        query = select(AuditEntry.action).where(AuditEntry.action.like("technician.%"))
        return list(session.scalars(query.order_by(AuditEntry.seq)))


def _top_left(window: QQuickWindow) -> QPoint:
    return QPoint(8, 8)


def _bottom_right(window: QQuickWindow) -> QPoint:
    return QPoint(window.width() - 8, window.height() - 8)


def _hold(window: QQuickWindow, point: QPoint, ms: int = HOLD_MS) -> None:
    QTest.mousePress(window, LEFT, NO_MODIFIER, point)
    settle(ms)
    QTest.mouseRelease(window, LEFT, NO_MODIFIER, point)


def _tap_at(window: QQuickWindow, point: QPoint) -> None:
    QTest.mouseClick(window, LEFT, NO_MODIFIER, point)
    settle(150)


def _pin_screen_shown(ui: KioskUi) -> bool:
    return bool(find_items(ui.window, "technicianPage"))


def _type(ui: KioskUi, pin: str) -> None:
    """The PIN typed on the pad, key by key, then OK."""
    for digit in pin:
        tap(ui.window, find_item(ui.window, f"pinKey_{digit}"))
    tap(ui.window, find_item(ui.window, "pinOkButton"))


def _attempt(ui: KioskUi, pin: str) -> str:
    """One attempt through the model's slots (what the keys call); the message it ends with."""
    technician = _technician(ui)
    for digit in pin:
        technician.press(digit)
    technician.submit()
    wait_until(lambda: not technician.busy)
    return strip_joiners(str(technician.message))  # as the screen shows it, without its word joiners


def _message(ui: KioskUi) -> str:
    shown = find_items(ui.window, "technicianMessage")
    return str(shown[0].property("text")) if shown else ""


def test_the_corner_gesture_opens_the_pin_screen_and_its_last_tap_reaches_nothing_else(
    ui: KioskUi, kiosk_pin: None
) -> None:
    window = ui.window
    _hold(window, _top_left(window))
    _tap_at(window, _bottom_right(window))
    wait_until(lambda: _pin_screen_shown(ui))

    assert find_item(window, "pinPad")
    assert find_item(window, "pinDots").property("text") == "", "no hint of the PIN's length"
    assert ui.vm.language == "zh_CN" and find_items(window, "homePage"), (
        "the tile under the corner did not react"
    )
    assert audit(window, NORMAL) == []


def test_partial_gestures_do_not_open_it(ui: KioskUi) -> None:
    window = ui.window
    for _ in range(5):  # impatient tapping in one corner
        _tap_at(window, _bottom_right(window))
    _tap_at(window, _top_left(window))  # no hold
    _tap_at(window, _bottom_right(window))
    _hold(window, _bottom_right(window))  # the corners the wrong way round
    _tap_at(window, _top_left(window))
    _hold(window, _top_left(window), ms=1500)  # too short a hold
    _tap_at(window, _bottom_right(window))
    _hold(window, _top_left(window))
    _tap_at(window, QPoint(window.width() // 2, 20))  # something else between hold and tap
    _tap_at(window, _bottom_right(window))
    _hold(window, _top_left(window))
    settle(3300)  # too late
    _tap_at(window, _bottom_right(window))
    assert not _pin_screen_shown(ui)
    assert ui.vm.language == "zh_CN", "taps that were not the gesture reached the screen as usual"


def test_the_gesture_works_only_on_the_home_screen(ui: KioskUi) -> None:
    window = ui.window
    tap(window, find_item(window, "fileTile"))
    wait_for_page(window)
    _hold(window, _top_left(window))
    _tap_at(window, _bottom_right(window))
    assert not _pin_screen_shown(ui)


def test_random_taps_never_open_it(ui: KioskUi) -> None:
    window = ui.window
    spots = random.Random(20261125)
    for _ in range(25):
        _tap_at(window, QPoint(spots.randrange(window.width()), spots.randrange(window.height())))
        assert not _pin_screen_shown(ui)
        for back in ("helpOkButton", "homeButton"):
            if find_items(window, back):
                tap(window, find_item(window, back))
                wait_for_page(window)


@pytest.fixture
def kiosk_pin(ui: KioskUi) -> None:
    """The technician PIN set with `kiosk-admin set-pin`."""
    set_technician_pin(ui.kiosk, PIN)


def test_a_wrong_pin_says_so_in_both_languages_forgets_the_digits_and_is_audited(
    ui: KioskUi, kiosk_pin: None
) -> None:
    _technician(ui).open()
    wait_until(lambda: _pin_screen_shown(ui))
    for digit in WRONG[:3]:
        tap(ui.window, find_item(ui.window, f"pinKey_{digit}"))
    tap(ui.window, find_item(ui.window, "pinEraseButton"))
    assert find_item(ui.window, "pinDots").property("text") == "●●"
    tap(ui.window, find_item(ui.window, "pinKey_9"))
    for digit in WRONG[3:]:
        tap(ui.window, find_item(ui.window, f"pinKey_{digit}"))
    assert find_item(ui.window, "pinDots").property("text") == "●" * len(WRONG)
    tap(ui.window, find_item(ui.window, "pinOkButton"))
    wait_until(lambda: "密码错误" in _message(ui))

    assert "还可以再试 4 次" in _message(ui)
    assert find_item(ui.window, "pinDots").property("text") == "", "the digits are gone"
    assert not find_items(ui.window, "technicianMenu")
    ui.vm.setLanguage("en")
    settle(100)
    assert "Wrong PIN; 4 attempts left" in _message(ui)
    assert _audited(ui.kiosk) == ["technician.pin_set", "technician.pin_wrong"]


def test_five_wrong_pins_lock_and_the_right_pin_is_refused_while_locked(ui: KioskUi, kiosk_pin: None) -> None:
    _technician(ui).open()
    wait_until(lambda: _pin_screen_shown(ui))
    for left in (4, 3, 2, 1):
        assert f"还可以再试 {left} 次" in _attempt(ui, WRONG)
    assert "已锁定至" in _attempt(ui, WRONG)

    _type(ui, PIN)
    wait_until(lambda: not _technician(ui).busy)
    settle(100)
    assert "已锁定至" in _message(ui), "the right PIN is refused while locked"
    assert not find_items(ui.window, "technicianMenu")
    assert _audited(ui.kiosk)[-3:] == ["technician.pin_wrong", "technician.locked", "technician.locked"]

    _technician(ui).dismiss()
    _technician(ui).open()
    wait_until(lambda: "已锁定至" in _message(ui))  # said at once, before anyone types


def test_the_right_pin_opens_the_menu_and_back_returns_to_the_citizen_screen(
    ui: KioskUi, kiosk_pin: None
) -> None:
    _technician(ui).open()
    wait_until(lambda: _pin_screen_shown(ui))
    _type(ui, PIN)
    wait_until(lambda: bool(find_items(ui.window, "technicianMenu")))

    assert find_item(ui.window, "technicianTitle").property("text") == "技术员菜单"
    assert find_item(ui.window, "exitKioskButton") and find_item(ui.window, "printTestButton")
    assert audit(ui.window, NORMAL) == []
    tap(ui.window, find_item(ui.window, "technicianBackButton"))
    wait_until(lambda: not _pin_screen_shown(ui))
    assert find_item(ui.window, "fileTile")
    _technician(ui).open()
    settle(100)
    assert find_items(ui.window, "pinPad"), "the next opening asks for the PIN again"


def test_exit_kiosk_quits_the_application_and_is_audited(ui: KioskUi, kiosk_pin: None) -> None:
    _technician(ui).open()
    wait_until(lambda: _pin_screen_shown(ui))
    _attempt(ui, PIN)
    wait_until(lambda: bool(find_items(ui.window, "technicianMenu")))

    code = run_event_loop_around(lambda: tap(ui.window, find_item(ui.window, "exitKioskButton")), ms=10_000)
    assert code == 0, "the application quit (42 would mean the test had to end the loop)"
    assert _audited(ui.kiosk)[-1] == "technician.exit_kiosk"


def test_the_test_page_prints_from_the_menu(ui: KioskUi, kiosk_pin: None) -> None:
    _technician(ui).open()
    wait_until(lambda: _pin_screen_shown(ui))
    _attempt(ui, PIN)
    wait_until(lambda: bool(find_items(ui.window, "technicianMenu")))
    tap(ui.window, find_item(ui.window, "printTestButton"))
    wait_until(lambda: "测试页已打印" in _message(ui))
    printed = list((ui.kiosk.settings.data_dir / "printed").glob("*.pdf"))
    assert len(printed) == 1


def test_a_fresh_kiosk_without_a_pin_says_how_to_set_one_and_offers_no_pad(ui: KioskUi) -> None:
    _technician(ui).open()
    wait_until(lambda: "kiosk-admin set-pin" in _message(ui))
    assert not find_items(ui.window, "pinPad")
    assert find_item(ui.window, "technicianBackButton")


@pytest.fixture
def short_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two seconds of idle time before the warning (tests only; production is 120 s)."""
    monkeypatch.setenv("BIANMIN_IDLE_TIMEOUT_S", "2")


def test_the_idle_wipe_closes_the_technician_screen_and_forgets_the_digits(
    short_idle: None, ui: KioskUi, kiosk_pin: None
) -> None:
    idle = ui.window.property("idle")
    assert isinstance(idle, IdleWatch)
    idle.warning_s = 1
    _technician(ui).open()
    wait_until(lambda: _pin_screen_shown(ui))
    for digit in PIN[:4]:
        _technician(ui).press(digit)
    settle(50)
    assert find_item(ui.window, "pinDots").property("text") == "●●●●"

    wait_until(lambda: bool(find_items(ui.window, "idleWarning")), timeout_ms=10_000)
    wait_until(lambda: not _pin_screen_shown(ui), timeout_ms=10_000)
    assert find_item(ui.window, "fileTile")
    _technician(ui).open()
    settle(100)
    assert find_item(ui.window, "pinDots").property("text") == "", "nothing typed survived"
