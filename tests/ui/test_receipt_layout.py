"""The receipt screen keeps the voucher code, Reprint and Done in view, in every mode and orientation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from kiosk.services.demo_answers import demo_answers
from kiosk.ui.probe import find_item, find_items, settle, wait_for_page, wait_until

from .conftest import KioskUi


def _fully_on_screen(ui: KioskUi, name: str) -> bool:
    item = find_item(ui.window, name)
    corner = item.mapToScene(QPointF(0, 0))
    return (
        corner.x() >= 0
        and corner.y() >= 0
        and corner.x() + item.width() <= ui.window.width()
        and corner.y() + item.height() <= ui.window.height()
    )


@pytest.mark.parametrize(
    ("width", "height", "elder"),
    [(1280, 800, True), (1080, 1920, True), (1280, 800, False), (1080, 1920, False)],
)
def test_the_voucher_reprint_and_done_need_no_scrolling(
    ui: KioskUi, width: int, height: int, elder: bool
) -> None:
    ui.window.resize(width, height)
    if elder:
        ui.vm.toggleElderMode()
    service = ui.kiosk.catalog.service("SS-003")
    ui.vm.selectService(service.code)
    for key, value in demo_answers(service).items():
        ui.vm.setAnswer(key, value)
    ui.vm.submit()
    wait_until(lambda: bool(find_items(ui.window, "voucherCode")))
    wait_for_page(ui.window)
    wait_until(lambda: ui.vm.property("printState") != "printing")
    settle(200)
    for name in ("voucherCode", "printStatus", "reprintButton", "doneButton"):
        assert _fully_on_screen(ui, name), name


@pytest.mark.parametrize(("width", "height", "elder"), [(800, 1280, True), (1280, 800, True)])
def test_each_masked_line_stays_whole_in_english_a_label_never_ends_a_row_without_its_value(
    ui: KioskUi, width: int, height: int, elder: bool
) -> None:
    ui.window.resize(width, height)
    ui.vm.setLanguage("en")
    if elder:
        ui.vm.toggleElderMode()
    service = ui.kiosk.catalog.service("SS-003")
    ui.vm.selectService(service.code)
    for key, value in demo_answers(service).items():
        ui.vm.setAnswer(key, value)
    ui.vm.submit()
    wait_until(lambda: bool(find_items(ui.window, "maskedApplicantLine")))
    settle(200)
    lines = find_items(ui.window, "maskedApplicantLine")
    assert "Mobile number: 138****5678" in [line.property("text") for line in lines]
    column = find_item(ui.window, "maskedApplicant")
    for line in lines:
        assert line.property("lineCount") == 1, line.property("text")
        left = line.mapToItem(column, QPointF(0, 0)).x()
        assert left >= 0 and left + line.width() <= column.width() + 0.5, line.property("text")
