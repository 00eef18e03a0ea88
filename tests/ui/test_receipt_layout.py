"""The receipt screen keeps the voucher code, Reprint and Done in view, in every mode and orientation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from kiosk.ui.probe import find_item, find_items, settle

from .conftest import KioskUi
from .forms import file_and_see_the_receipt


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
    file_and_see_the_receipt(ui, "SS-003")
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
    file_and_see_the_receipt(ui, "SS-003")
    settle(200)
    lines = find_items(ui.window, "maskedApplicantLine")
    assert "Mobile number: 138****5678" in [line.property("text") for line in lines]
    column = find_item(ui.window, "maskedApplicant")
    for line in lines:
        assert line.property("lineCount") == 1, line.property("text")
        left = line.mapToItem(column, QPointF(0, 0)).x()
        assert left >= 0 and left + line.width() <= column.width() + 0.5, line.property("text")
