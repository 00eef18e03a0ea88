"""The look-up screen: the QR code is scanned here, and a lost receipt is found by ID number and phone."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem
from sqlalchemy import func, select

from db.models import AuditEntry, LookupLimit
from kiosk.services.demo_answers import DEMO_APPLICANT, demo_answers
from kiosk.services.filing import SubmittedFiling, submit_filing
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_for_page, wait_until

from .conftest import KioskUi
from .forms import pad_keys, shown_texts

ID_NUMBER = DEMO_APPLICANT["applicant_id_number"]
PHONE = DEMO_APPLICANT["applicant_phone"]


def _filed(ui: KioskUi) -> SubmittedFiling:
    service = ui.kiosk.catalog.services[1]
    return submit_filing(ui.kiosk, service_code=service.code, answers=demo_answers(service))


def _open_lookup(ui: KioskUi) -> None:
    tap(ui.window, find_item(ui.window, "lookupTile"))
    wait_for_page(ui.window)


def _type_person(ui: KioskUi, id_number: str, phone: str) -> None:
    """Tap each entry and type on the page keypad, then tap Look up."""
    tap(ui.window, find_item(ui.window, "personIdField"))
    wait_until(lambda: bool(find_items(ui.window, "digitPad")))
    pad_keys(ui.window, id_number)
    tap(ui.window, find_item(ui.window, "personPhoneField"))
    pad_keys(ui.window, phone)
    tap(ui.window, find_item(ui.window, "personLookupButton"))


def _text_in(root: QQuickItem, name: str) -> str:
    return str(find_item(root, name).property("text"))


def _fully_in_window(ui: KioskUi, item: QQuickItem) -> bool:
    top = item.mapToScene(QPointF(0, 0)).y()
    return top >= 0 and top + item.height() <= ui.window.height()


def test_the_screen_says_the_receipt_qr_is_scanned_here_not_with_a_phone(ui: KioskUi) -> None:
    _open_lookup(ui)
    hint = _text_in(ui.window.contentItem(), "scanHint")
    assert "本机" in hint and "扫码" in hint and "手机" in hint
    ui.vm.setLanguage("en")
    wait_until(lambda: "this terminal" in _text_in(ui.window.contentItem(), "scanHint"))
    assert "phone" in _text_in(ui.window.contentItem(), "scanHint")


def test_id_and_phone_typed_on_the_keypad_find_the_filing_masked_with_its_date_and_next_step(
    ui: KioskUi,
) -> None:
    filed = _filed(ui)
    _open_lookup(ui)
    _type_person(ui, ID_NUMBER, PHONE)
    wait_until(lambda: bool(find_items(ui.window, "personResult")))
    settle(300)

    results = find_items(ui.window, "personResult")
    assert len(results) == 1
    result = results[0]
    applicant = [str(item.property("text")) for item in find_items(result, "lookupApplicant")]
    assert applicant == ["申请人姓名：张**", "公民身份号码：110***********002X", "手机号码：138****5678"]
    assert filed.promised_by is not None
    assert _text_in(result, "lookupPromised") == f"承诺时限：{filed.time_limit.zh}（{filed.promised_by.zh}）"
    next_step = _text_in(result, "lookupNextStep")
    assert next_step.startswith("下一步：") and "等待承办部门受理" in next_step and "身份证原件" in next_step
    assert _fully_in_window(ui, find_item(result, "lookupService"))  # the result scrolled into view

    everything = " ".join(shown_texts(ui.window.contentItem()))
    for clear in (ID_NUMBER, PHONE, "张晓梅", filed.voucher_display):
        assert clear not in everything  # the entries were emptied; no voucher to rate with


def test_a_wrong_check_character_is_named_at_the_id_entry_and_nothing_is_counted(ui: KioskUi) -> None:
    _filed(ui)
    with ui.kiosk.sessions() as session:
        audited = session.scalar(select(func.count()).select_from(AuditEntry))
    _open_lookup(ui)
    _type_person(ui, ID_NUMBER[:-1] + "3", PHONE)
    wait_until(lambda: bool(find_items(ui.window, "personIdError")))
    assert "校验位" in _text_in(ui.window.contentItem(), "personIdError")
    assert find_items(ui.window, "personResult") == []
    with ui.kiosk.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == audited
        assert session.get(LookupLimit, "person") is None


def test_a_short_phone_is_named_at_the_phone_entry_in_english_too(ui: KioskUi) -> None:
    ui.vm.setLanguage("en")
    _open_lookup(ui)
    _type_person(ui, ID_NUMBER, PHONE[:8])
    wait_until(lambda: bool(find_items(ui.window, "personPhoneError")))
    assert "11 digits" in _text_in(ui.window.contentItem(), "personPhoneError")


def test_a_voucher_lookup_shows_the_promised_date_and_next_step_too(ui: KioskUi) -> None:
    filed = _filed(ui)
    _open_lookup(ui)
    find_item(ui.window, "voucherField").setProperty("text", filed.voucher_display)
    tap(ui.window, find_item(ui.window, "lookupButton"))
    wait_until(lambda: bool(find_items(ui.window, "lookupResult")))
    result = find_item(ui.window, "lookupResult")
    assert filed.promised_by is not None and filed.promised_by.zh in _text_in(result, "lookupPromised")
    assert "等待承办部门受理" in _text_in(result, "lookupNextStep")
    assert "138****5678" in " ".join(shown_texts(result))


def test_the_idle_wipe_forgets_the_filings_found(ui: KioskUi) -> None:
    _filed(ui)
    _open_lookup(ui)
    _type_person(ui, ID_NUMBER, PHONE)
    wait_until(lambda: bool(find_items(ui.window, "personResult")))
    assert ui.vm.session_started()
    ui.vm.wipeSession()
    person = ui.vm.property("personLookup")
    assert person.property("results") == [] and person.property("error") == ""
