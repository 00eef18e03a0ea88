"""Idle wipe: after the idle time a countdown warns; a tap keeps the session, otherwise nothing of it remains."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from PySide6.QtQuick import QQuickItem

from kiosk.settings import load_settings
from kiosk.ui.idle import IdleWatch
from kiosk.ui.probe import (
    find_item,
    find_items,
    pick_candidate,
    settle,
    tap,
    type_on_keyboard,
    wait_for_page,
    wait_until,
)

from .conftest import KioskUi

SENTINEL_NAME = "张伟"
SENTINEL_PREEDIT = "zhuang"  # pinyin left in the keyboard, never committed
TEXT_PROPERTIES = ("text", "displayText", "preeditText", "title", "placeholderText")


@pytest.fixture
def short_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two seconds of idle time before the warning (tests only; production is 120 s)."""
    monkeypatch.setenv("BIANMIN_IDLE_TIMEOUT_S", "2")


def _idle(ui: KioskUi) -> IdleWatch:
    idle = ui.window.property("idle")
    assert isinstance(idle, IdleWatch)
    idle.warning_s = 1  # the countdown, shortened for the test; settings refuse less than 20 s
    return idle


def _all_texts(root: QObject) -> Iterator[str]:
    items = [root, *root.findChildren(QQuickItem)]
    for item in items:
        for name in TEXT_PROPERTIES:
            if item.metaObject().indexOfProperty(name) >= 0:
                value = item.property(name)
                if isinstance(value, str) and value:
                    yield value


def _start_a_session(ui: KioskUi) -> None:
    """Elder mode on, English, a search typed, a name typed on the form and pinyin left in the keyboard."""
    window = ui.window
    tap(window, find_item(window, "elderTile"))
    tap(window, find_item(window, "fileTile"))
    wait_for_page(window)
    tap(window, find_item(window, "searchField"))
    type_on_keyboard(window, "sbk")
    wait_until(lambda: bool(find_items(window, "service_SS-003")))
    tap(window, find_item(window, "service_SS-003"))
    wait_for_page(window)
    tap(window, find_item(window, "startButton"))
    wait_for_page(window)
    tap(window, find_item(window, "field_applicant_name"))
    type_on_keyboard(window, "zhang")
    pick_candidate(window, "张")
    type_on_keyboard(window, "wei")
    pick_candidate(window, "伟")
    assert find_item(window, "field_applicant_name").property("text") == SENTINEL_NAME
    tap(window, find_item(window, "field_applicant_name"))  # ID numbers have their own keypad: no pinyin
    type_on_keyboard(window, SENTINEL_PREEDIT)
    ui.vm.setLanguage("en")
    settle(100)


def test_after_the_idle_time_and_countdown_nothing_of_the_session_remains(
    short_idle: None, ui: KioskUi
) -> None:
    idle = _idle(ui)
    _start_a_session(ui)
    assert ui.vm.elderMode and ui.vm.fields

    wait_until(lambda: bool(find_items(ui.window, "idleWarning")), timeout_ms=10_000)
    assert "second" in str(find_item(ui.window, "idleCountdown").property("text"))
    wait_until(lambda: not idle.warning, timeout_ms=10_000)
    wait_for_page(ui.window)
    settle(300)

    assert find_items(ui.window, "fileTile"), "back on the home screen"
    texts = list(_all_texts(ui.window.contentItem()))
    for sentinel in (SENTINEL_NAME, "张", "伟", SENTINEL_PREEDIT, "sbk", "社会保障卡"):
        leftovers = [text for text in texts if sentinel in text]
        assert leftovers == [], f"{sentinel!r} survived the wipe in {leftovers}"
    vm = ui.vm
    assert (vm.service, vm.fields, vm.receipt, vm.lookupResult, vm.message) == ({}, [], {}, {}, "")
    assert not vm.elderMode
    assert vm.language == "zh_CN"
    assert ui.window.property("search").property("query") == ""
    assert not find_item(ui.window, "inputPanel").property("active"), "the keyboard is closed"


def test_a_tap_during_the_countdown_keeps_the_session(short_idle: None, ui: KioskUi) -> None:
    idle = _idle(ui)
    idle.warning_s = 5
    tap(ui.window, find_item(ui.window, "fileTile"))
    wait_for_page(ui.window)
    wait_until(lambda: idle.warning, timeout_ms=10_000)
    tap(ui.window, find_item(ui.window, "idleWarning"))
    settle(100)
    assert not idle.warning
    assert find_items(ui.window, "searchField"), "still on the catalog"


def test_nothing_warns_on_an_untouched_home_screen(short_idle: None, ui: KioskUi) -> None:
    idle = _idle(ui)
    settle(2600)
    assert not idle.warning


def test_the_countdown_cannot_be_set_below_20_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIANMIN_IDLE_WARNING_S", "5")
    with pytest.raises(Exception, match="idle_warning_s"):
        load_settings()
    monkeypatch.delenv("BIANMIN_IDLE_WARNING_S")
    settings = load_settings()
    assert (settings.idle_timeout_s, settings.idle_warning_s) == (120, 30)


def test_elder_mode_doubles_the_idle_time_and_the_countdown(qapp: object) -> None:
    parent = QObject()
    idle = IdleWatch(
        timeout_s=1, warning_s=20, elder=lambda: True, session_started=lambda: True, parent=parent
    )
    settle(1300)
    assert not idle.warning, "elder mode waits twice as long"
    wait_until(lambda: idle.warning, timeout_ms=2000)
    assert idle.secondsLeft == 40
    idle.restart()
    assert not idle.warning
