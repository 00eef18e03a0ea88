"""The first citizen path, by touch on the real QML: home → service → form → submit → receipt."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics, QGuiApplication
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from sqlalchemy import func, select

from db.models import Filing
from kiosk.resources import CJK_FONT
from kiosk.services.demo_answers import DEMO_APPLICANT, demo_answers
from kiosk.services.lookup import lookup_by_voucher
from kiosk.ui.probe import (
    find_item,
    find_items,
    pick_candidate,
    settle,
    tap,
    type_on_keyboard,
    wait_for_page,
)

from .conftest import KioskUi
from .forms import shown_texts


def _text(item: QQuickItem) -> str:
    return str(item.property("text"))


def _filings(ui: KioskUi) -> int:
    with ui.kiosk.sessions() as session:
        return session.scalar(select(func.count()).select_from(Filing)) or 0


def _open_first_form(ui: KioskUi) -> None:
    window = ui.window
    tap(window, find_item(window, "fileTile"))
    wait_for_page(window)
    service = ui.kiosk.catalog.services[0]
    tap(window, find_item(window, f"category_{service.category}"))
    tap(window, find_item(window, f"service_{service.code}"))
    wait_for_page(window)
    tap(window, find_item(window, "startButton"))
    wait_for_page(window)


def _type_into(ui: KioskUi, key: str, text: str) -> None:
    field = find_item(ui.window, f"field_{key}")
    tap(ui.window, field)
    for char in text:  # digits need no pinyin: typed as a hardware keyboard (or a wedge scanner) would
        QTest.keyClick(ui.window, char)
    settle(50)


def test_filing_by_touch_with_pinyin_ends_on_the_receipt_with_a_real_voucher(ui: KioskUi) -> None:
    _open_first_form(ui)
    tap(ui.window, find_item(ui.window, "field_applicant_name"))
    type_on_keyboard(ui.window, "zhang")
    pick_candidate(ui.window, "张")
    type_on_keyboard(ui.window, "wei")
    pick_candidate(ui.window, "伟")
    assert _text(find_item(ui.window, "field_applicant_name")) == "张伟"
    _type_into(ui, "applicant_id_number", DEMO_APPLICANT["applicant_id_number"])
    _type_into(ui, "applicant_phone", DEMO_APPLICANT["applicant_phone"])
    service = ui.kiosk.catalog.services[0]
    for key, value in demo_answers(service).items():
        if key not in DEMO_APPLICANT:
            ui.vm.setAnswer(key, value)  # extra fields: choice taps and the rest are covered in issue 5
    tap(ui.window, find_item(ui.window, "submitButton"))
    wait_for_page(ui.window)
    tap(ui.window, find_item(ui.window, "confirmButton"))  # the review (请核对) comes first
    wait_for_page(ui.window)
    settle(200)
    wait_for_page(ui.window)

    assert find_items(ui.window, "acceptedTitle"), f"not accepted: {ui.vm.message} {ui.vm.fields}"
    assert (
        _text(find_item(ui.window, "acceptedTitle")) == "已提交（待受理）"
    )  # 受理 is the department's, later
    notes = _text(find_item(ui.window, "receiptNotes"))
    assert "已保存在本机" in notes and notes.startswith("承诺时限：") and "最迟 20" in notes.splitlines()[0]
    assert _text(find_item(ui.window, "receiptDepartment")) == f"承办部门：{service.department.zh}"
    assert not [text for text in shown_texts(ui.window.contentItem()) if "已受理" in text]
    voucher = _text(find_item(ui.window, "voucherCode"))
    summary = lookup_by_voucher(ui.kiosk, text=voucher)
    assert summary.service_code == service.code
    masked = _text(find_item(ui.window, "maskedApplicant"))
    assert "张*" in masked and "19491231" not in masked and "13812345678" not in masked

    tap(ui.window, find_item(ui.window, "doneButton"))
    wait_for_page(ui.window)
    assert find_items(ui.window, "ratingLevels"), "Done leads to the rating screen"
    tap(ui.window, find_item(ui.window, "skipRatingButton"))
    wait_for_page(ui.window)
    assert find_items(ui.window, "fileTile"), "No rating returns to the home screen"
    assert ui.vm.receipt == {}, "the previous citizen's receipt is forgotten"


def test_bad_answers_are_shown_at_the_field_and_nothing_is_filed(ui: KioskUi) -> None:
    _open_first_form(ui)
    _type_into(ui, "applicant_id_number", "110105194912310021")
    tap(ui.window, find_item(ui.window, "submitButton"))
    settle(300)
    assert _text(find_item(ui.window, "error_applicant_name")) == "请填写此项"
    assert _text(find_item(ui.window, "error_applicant_id_number")) != ""  # the check character is wrong
    assert find_items(ui.window, "acceptedTitle") == []
    assert _filings(ui) == 0


def test_language_switch_turns_labels_and_catalog_english(ui: KioskUi) -> None:
    tap(ui.window, find_item(ui.window, "languageButton"))
    settle(200)
    tile = find_item(ui.window, "fileTile")
    assert tile.property("title") == "File a service"
    tap(ui.window, tile)
    wait_for_page(ui.window)
    service = ui.kiosk.catalog.services[0]
    item = find_item(ui.window, f"service_{service.code}")
    texts = [str(child.property("text")) for child in item.findChildren(QQuickItem) if child.property("text")]
    assert service.name.en in texts


def test_chinese_is_drawn_with_the_shipped_font() -> None:
    families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(CJK_FONT)))
    assert families
    font = QGuiApplication.font()
    assert QFontInfo(font).family() == families[0]
    metrics = QFontMetrics(QFont(families[0]))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "便民自助终端已提交待受理凭证号社会保障卡申领0123456789")
