"""Looking a filing up shows the county's progress, its note, and how old that information is."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPointF

from db.models import Filing
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.ui.probe import find_item, find_items, scroll_into_view, settle, tap, wait_for_page, wait_until
from sync.backoff import PULL, record_success

from .conftest import KioskUi

NOTE = "材料已转镇民政办，预计 3 个工作日内办结"


def _look_up(ui: KioskUi, code: str) -> None:
    tap(ui.window, find_item(ui.window, "lookupTile"))
    wait_for_page(ui.window)
    find_item(ui.window, "voucherField").setProperty("text", code)
    tap(ui.window, find_item(ui.window, "lookupButton"))
    wait_until(lambda: bool(find_items(ui.window, "lookupResult")) and ui.vm.lookupResult != {})


def _text(ui: KioskUi, name: str) -> str:
    return str(find_item(ui.window, name).property("text"))


def _filed_with_county_status(ui: KioskUi) -> str:
    """A filing whose county status and note arrived with a pull 3 h 10 min ago; returns its voucher code."""
    service = ui.kiosk.catalog.services[0]
    filing = submit_filing(ui.kiosk, service_code=service.code, answers=demo_answers(service))
    with ui.kiosk.sessions.begin() as session:
        row = session.get(Filing, filing.filing_id)
        assert row is not None
        row.server_status, row.server_status_note = "办理中", NOTE
    record_success(ui.kiosk.sessions, PULL, now=ui.kiosk.clock() - timedelta(hours=3, minutes=10))
    return filing.voucher_display


def test_a_status_from_the_county_shows_with_its_note_and_age(ui: KioskUi) -> None:
    _look_up(ui, _filed_with_county_status(ui))
    assert "办理中" in _text(ui, "lookupProgress")
    assert _text(ui, "lookupNote") == NOTE
    assert "3 小时前" in _text(ui, "lookupFreshness")
    ui.vm.setLanguage("en")
    wait_until(lambda: "3 hours ago" in _text(ui, "lookupFreshness"))


def test_before_any_pull_the_kiosk_says_it_has_not_heard_from_the_county(ui: KioskUi) -> None:
    service = ui.kiosk.catalog.services[0]
    filing = submit_filing(ui.kiosk, service_code=service.code, answers=demo_answers(service))
    _look_up(ui, filing.voucher_display)
    assert _text(ui, "lookupProgress") == "办理进度：已提交（待受理）"  # 受理 is the department's, later
    assert find_items(ui.window, "lookupNote") == []
    assert "尚未收到县级中心" in _text(ui, "lookupFreshness")


def test_in_elder_mode_the_result_scrolls_into_view_from_its_top(ui: KioskUi) -> None:
    """The progress, its note, the promised date and the next step show whole; the rest follows below."""
    code = _filed_with_county_status(ui)
    ui.vm.toggleElderMode()
    _look_up(ui, code)
    settle(300)
    for name in ("lookupService", "lookupProgress", "lookupNote", "lookupPromised", "lookupNextStep"):
        item = find_item(ui.window, name)
        top = item.mapToScene(QPointF(0, 0)).y()
        assert top >= 0 and top + item.height() <= ui.window.height(), name
    flick = find_item(ui.window, "lookupFlick")
    assert flick.property("contentHeight") > flick.height()  # the scroll bar shows there is more
    for name in ("lookupStatus", "lookupFreshness"):
        item = find_item(ui.window, name)
        scroll_into_view(item)
        top = item.mapToScene(QPointF(0, 0)).y()
        assert top >= 0 and top + item.height() <= ui.window.height(), name
