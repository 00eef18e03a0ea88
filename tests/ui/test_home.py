"""The home screen: six tiles that fit landscape and portrait, the clock, a quiet offline line, help, rating."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.ui.clock import clock_text
from kiosk.ui.home_status import HomeStatus
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_for_page, wait_until

from .conftest import KioskUi
from .forms import scene_rect
from .readability import ELDER, NORMAL, audit, point_inside

HOME_TILES = ("fileTile", "lookupTile", "rateTile", "helpTile", "elderTile", "languageTile")


def test_the_clock_reads_in_chinese_and_english() -> None:
    sunday = datetime(2026, 11, 22, 14, 5)
    assert clock_text(sunday, "zh_CN") == "2026年11月22日 星期日 14:05"
    assert clock_text(sunday, "en") == "Sunday 22 November 2026 14:05"


def test_home_shows_the_date_and_time(ui: KioskUi) -> None:
    shown = str(find_item(ui.window, "clockText").property("text"))
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日 星期[一二三四五六日] \d\d:\d\d", shown), shown
    ui.vm.setLanguage("en")
    settle(50)
    assert str(find_item(ui.window, "clockText").property("text")).startswith(
        clock_text(datetime.now(), "en")[:3]
    )


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1080, 1920)])
@pytest.mark.parametrize("elder", [False, True])
def test_all_tiles_fit_the_screen_and_meet_the_numbers(
    ui: KioskUi, width: int, height: int, elder: bool
) -> None:
    ui.window.resize(width, height)
    if elder:
        ui.vm.toggleElderMode()
    settle(300)
    for name in HOME_TILES:
        assert point_inside(ui.window, find_item(ui.window, name)), (
            f"{name} is off-screen at {width}×{height}"
        )
    assert audit(ui.window, ELDER if elder else NORMAL) == []


def _home_status(ui: KioskUi) -> HomeStatus:
    home = ui.window.property("home")
    assert isinstance(home, HomeStatus)
    return home


def test_offline_work_and_queued_records_are_told_quietly(ui: KioskUi) -> None:
    notice = find_item(ui.window, "serviceNotice")
    wait_until(lambda: notice.property("text") == "离线办理中")  # not enrolled: no county server yet
    service = ui.kiosk.catalog.services[0]
    submit_filing(ui.kiosk, service_code=service.code, answers=demo_answers(service))
    _home_status(ui).poll_notice()
    wait_until(lambda: notice.property("text") == "离线办理中 · 1 件办件待上传")
    colour: QColor = notice.property("color")
    assert colour.saturationF() < 0.2, "a muted grey, never red"
    assert (
        notice.property("font").pixelSize() < find_item(ui.window, "clockText").property("font").pixelSize()
    )


def test_call_for_help_records_the_request_and_says_what_happens_next(ui: KioskUi) -> None:
    assert find_item(ui.window, "helpTile").property("title") == "求助"  # the top bar's name for it too
    tap(ui.window, find_item(ui.window, "helpTile"))
    wait_until(lambda: bool(find_items(ui.window, "helpReason_other")))  # what for, first
    tap(ui.window, find_item(ui.window, "helpReason_other"))
    wait_until(lambda: bool(find_items(ui.window, "helpOkButton")))
    answer = str(find_item(ui.window, "helpAnswerText").property("text"))
    assert "12345" in answer
    tap(ui.window, find_item(ui.window, "helpOkButton"))
    settle(100)
    assert find_items(ui.window, "helpAnswer") == []


def test_rate_opens_the_voucher_page_with_a_line_saying_why(ui: KioskUi) -> None:
    tap(ui.window, find_item(ui.window, "rateTile"))
    wait_for_page(ui.window)
    assert "评价" in str(find_item(ui.window, "rateHint").property("text"))
    assert find_items(ui.window, "voucherField")


@pytest.mark.parametrize("elder", [False, True])
def test_on_an_800_px_wide_tablet_the_top_bar_keeps_every_button_whole(ui: KioskUi, elder: bool) -> None:
    ui.window.resize(800, 1280)
    if elder:
        ui.vm.toggleElderMode()
    tap(ui.window, find_item(ui.window, "fileTile"))
    wait_for_page(ui.window)
    screen = QRectF(0, 0, ui.window.width(), ui.window.height())
    for name in ("backButton", "homeButton", "helpButton", "languageButton"):
        button = find_item(ui.window, name)
        assert screen.contains(scene_rect(button)), f"{name} is cut off at 800 px"
        label = button.property("contentItem")
        assert not label.property("truncated") and label.property("lineCount") == 1, f"{name}'s label is cut"
    assert audit(ui.window, ELDER if elder else NORMAL) == []
