"""求助 on the real QML: the reasons first (big buttons, nothing sent), the chosen one stored and queued, the answer."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models import HelpRequest, OutboxEntry
from kiosk.domain.help_request import HELP_REASONS
from kiosk.ui.home_status import HomeStatus
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_for_page, wait_until

from .conftest import KioskUi
from .forms import shown_texts
from .readability import ELDER, NORMAL, audit

REASON_BUTTONS = tuple(f"helpReason_{reason.code}" for reason in HELP_REASONS)


def _help_requests(ui: KioskUi) -> list[HelpRequest]:
    with ui.kiosk.sessions() as session:
        return list(session.scalars(select(HelpRequest)))


def _reasons_shown(ui: KioskUi) -> list[str]:
    return [str(find_item(ui.window, name).property("text")) for name in REASON_BUTTONS]


def test_the_help_tile_offers_the_reasons_and_the_chosen_one_is_stored_and_counted_as_a_call_for_help(
    ui: KioskUi,
) -> None:
    tap(ui.window, find_item(ui.window, "helpTile"))
    wait_until(lambda: bool(find_items(ui.window, "helpReasons")))
    assert _reasons_shown(ui) == [reason.label.zh for reason in HELP_REASONS], "Chinese first, all four"
    assert "请问您需要哪方面的帮助？" in shown_texts(find_item(ui.window, "helpReasons"))
    assert _help_requests(ui) == [], "nothing is sent before the citizen says why"

    tap(ui.window, find_item(ui.window, "helpReason_printer"))
    wait_until(lambda: bool(find_items(ui.window, "helpOkButton")))
    assert find_items(ui.window, "helpReasons") == []
    (stored,) = _help_requests(ui)
    assert (stored.reason, stored.screen) == ("printer", "homePage")
    with ui.kiosk.sessions() as session:
        queued = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == stored.id)).one()
    assert queued.kind == "help_request"
    answer = str(find_item(ui.window, "helpAnswerText").property("text"))
    assert "12345" in answer and "示例" not in answer and "0000" not in answer
    assert "工作人员" in answer, "no centre phone is configured: the citizen is sent to the staff"
    tap(ui.window, find_item(ui.window, "helpOkButton"))

    home = ui.window.property("home")
    assert isinstance(home, HomeStatus)
    home.poll_notice()
    notice = find_item(ui.window, "serviceNotice")
    wait_until(lambda: notice.property("text") == "离线办理中 · 1 次求助待上传")
    assert "办件" not in str(notice.property("text"))


def test_the_header_help_button_offers_the_reasons_in_english_and_cancel_sends_nothing(ui: KioskUi) -> None:
    ui.vm.setLanguage("en")
    tap(ui.window, find_item(ui.window, "lookupTile"))
    wait_for_page(ui.window)
    tap(ui.window, find_item(ui.window, "helpButton"))
    wait_until(lambda: bool(find_items(ui.window, "helpReasons")))
    assert _reasons_shown(ui) == [reason.label.en for reason in HELP_REASONS]
    tap(ui.window, find_item(ui.window, "helpReasonsCancel"))
    settle(100)
    assert find_items(ui.window, "helpReasons") == [] and find_items(ui.window, "helpAnswer") == []
    assert _help_requests(ui) == []
    assert find_items(ui.window, "lookupPage"), "the citizen stays where they were"


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (800, 1280)])
@pytest.mark.parametrize("elder", [False, True])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_reasons_fit_the_screen_unclipped_and_meet_the_numbers(
    ui: KioskUi, width: int, height: int, elder: bool, language: str
) -> None:
    ui.window.resize(width, height)
    ui.vm.setLanguage(language)
    if elder:
        ui.vm.toggleElderMode()
    settle(200)
    tap(ui.window, find_item(ui.window, "helpTile"))
    wait_until(lambda: bool(find_items(ui.window, "helpReasons")))
    settle(200)
    assert audit(ui.window, ELDER if elder else NORMAL) == []
    for name in (*REASON_BUTTONS, "helpReasonsCancel", "helpReasonsTitle"):
        item = find_item(ui.window, name)
        top_left = item.mapToScene(item.boundingRect().topLeft())
        bottom_right = item.mapToScene(item.boundingRect().bottomRight())
        assert top_left.y() >= 0 and bottom_right.y() <= height, f"{name} is cut off at {width}×{height}"
        label = item.property("contentItem") if name != "helpReasonsTitle" else item
        assert label.property("contentHeight") <= label.height() + 1, f"{name}'s text is clipped"
        if language == "zh_CN":
            assert label.property("lineCount") == 1, f"{name} is broken across lines"
