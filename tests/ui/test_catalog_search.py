"""Catalog search by touch: pinyin initials typed on the on-screen keyboard find the service; tapping opens it."""

from __future__ import annotations

from PySide6.QtQuick import QQuickItem

from kiosk.ui.probe import find_item, find_items, settle, tap, type_on_keyboard, wait_for_page, wait_until

from .conftest import KioskUi


def _first_result_code(ui: KioskUi) -> str:
    results = ui.window.findChild(QQuickItem, "serviceList")
    assert results is not None
    model = results.property("model")
    return str(model[0]["code"]) if model else ""


def _open_catalog(ui: KioskUi) -> None:
    tap(ui.window, find_item(ui.window, "fileTile"))
    wait_for_page(ui.window)
    tap(ui.window, find_item(ui.window, "searchField"))
    settle(300)


def test_typing_sbk_on_the_keyboard_finds_the_social_security_card_first_and_opens_its_guide(
    ui: KioskUi,
) -> None:
    _open_catalog(ui)
    type_on_keyboard(ui.window, "sbk")
    wait_until(lambda: _first_result_code(ui) == "SS-003")
    assert find_items(ui.window, "categoryList") == [], "results take the place of the categories"
    first = find_item(ui.window, "service_SS-003")
    assert "社会保障卡申领" in [str(child.property("text")) for child in first.findChildren(QQuickItem)]

    tap(ui.window, first)
    wait_for_page(ui.window)
    assert ui.vm.service["code"] == "SS-003"
    assert find_items(ui.window, "startButton"), "the guide is shown"


def test_a_query_without_a_match_says_so_kindly(ui: KioskUi) -> None:
    _open_catalog(ui)
    type_on_keyboard(ui.window, "qqq")
    wait_until(lambda: bool(find_items(ui.window, "noMatchText")))
    message = str(find_item(ui.window, "noMatchText").property("text"))
    assert "没有找到" in message and "qqq" in message
    assert _first_result_code(ui) == ""
