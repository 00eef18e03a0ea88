"""请核对: the review between the form and the durable submit, on the real QML."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from sqlalchemy import delete

from db.models import Attachment
from kiosk.services.demo_answers import DEMO_APPLICANT
from kiosk.ui.form_touch import fill_form_by_touch
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_for_page, wait_until

from .conftest import KioskUi
from .forms import filings, go_to_review, open_form, row, scene_rect, shown_texts, text_of

SERVICE = "SS-003"  # 社会保障卡申领: choice, address (only by post), three photo fields


def _fill(ui: KioskUi) -> None:
    open_form(ui, SERVICE)
    fill_form_by_touch(ui.window, ui.vm, ui.kiosk.catalog.service(SERVICE))


def test_the_review_shows_id_and_phone_numbers_in_full_and_grouped_and_the_receipt_masks_them(
    ui: KioskUi,
) -> None:
    _fill(ui)
    go_to_review(ui)
    assert text_of(ui, "review_applicant_id_number") == "110105 19491231 002X"  # checkable: 6-8-4
    assert text_of(ui, "review_applicant_phone") == "138 1234 5678"  # 3-4-4
    assert text_of(ui, "review_applicant_name") == DEMO_APPLICANT["applicant_name"]
    assert find_items(ui.window, "review_postal_address") == [], "collected here: no mailing address"
    for key in ("id_card_front_photos", "id_card_back_photos", "portrait_photos"):
        assert text_of(ui, f"review_{key}") == "已拍 1 张照片"
        assert len(find_items(ui.window, f"reviewPhoto_{key}")) == 1
    assert filings(ui) == 0, "the review writes nothing"

    tap(ui.window, find_item(ui.window, "confirmButton"))
    wait_until(lambda: bool(find_items(ui.window, "voucherCode")))
    clear = {DEMO_APPLICANT["applicant_id_number"], "110105 19491231 002X", "19491231"}
    clear |= {DEMO_APPLICANT["applicant_phone"], "138 1234 5678", "1234 5678"}
    shown = list(shown_texts(ui.window.contentItem()))
    assert [text for text in shown if any(number in text for number in clear)] == [], "masked after submit"
    assert "110***********002X" in text_of(ui, "maskedApplicant")


def test_back_from_the_review_keeps_every_answer(ui: KioskUi) -> None:
    _fill(ui)
    before = {field["key"]: field["value"] for field in ui.vm.property("fields")}
    for way_back in ("backButton", "editButton"):
        go_to_review(ui)
        tap(ui.window, find_item(ui.window, way_back))
        wait_for_page(ui.window)
        assert find_items(ui.window, "formPage"), way_back
        assert {field["key"]: field["value"] for field in ui.vm.property("fields")} == before
        assert text_of(ui, "field_applicant_id_number") == "110105 19491231 002X"
        assert text_of(ui, "field_applicant_name") == DEMO_APPLICANT["applicant_name"]
        assert find_item(ui.window, "choice_pickup_method_service_centre").property("checked")
        for key in ("id_card_front_photos", "id_card_back_photos", "portrait_photos"):
            assert find_items(ui.window, f"photoThumb_{key}_0"), f"the photo of {key} is still there"
    assert filings(ui) == 0


def test_confirm_submits_exactly_one_filing_however_often_it_is_tapped(ui: KioskUi) -> None:
    _fill(ui)
    go_to_review(ui)
    confirm = find_item(ui.window, "confirmButton")
    centre = confirm.mapToScene(QPointF(confirm.width() / 2, confirm.height() / 2)).toPoint()
    for _ in range(3):  # an impatient double (triple) tap
        QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    wait_until(lambda: bool(find_items(ui.window, "voucherCode")))
    wait_for_page(ui.window)
    settle(300)
    assert filings(ui) == 1
    assert find_items(ui.window, "receiptPage")


def test_errors_stay_at_their_fields_and_no_message_covers_a_field_or_button(ui: KioskUi) -> None:
    open_form(ui, SERVICE)
    tap(ui.window, find_item(ui.window, "submitButton"))
    wait_until(lambda: bool(find_items(ui.window, "error_applicant_name")))
    settle(200)
    assert ui.vm.message == "" and find_items(ui.window, "messageBar") == []
    banner = scene_rect(find_item(ui.window, "formMessage"))
    flick = scene_rect(find_item(ui.window, "formFlick"))
    first_field = scene_rect(find_item(ui.window, "field_applicant_name"))
    assert banner.bottom() <= flick.top(), "the form's message sits above the form, not over it"
    assert flick.contains(first_field), "the first field to correct is in view"
    assert not find_items(ui.window, "reviewPage"), "nothing to review while answers are wrong"
    assert row(ui, "applicant_name")["error"] == "请填写此项"


def test_a_photo_lost_before_confirming_brings_the_form_back_with_the_error_at_the_photo(ui: KioskUi) -> None:
    _fill(ui)
    go_to_review(ui)
    (sha,) = row(ui, "id_card_back_photos")["photos"]  # type: ignore[misc]
    with ui.kiosk.sessions.begin() as session:
        session.execute(delete(Attachment).where(Attachment.sha256 == sha))
    tap(ui.window, find_item(ui.window, "confirmButton"))
    wait_until(lambda: bool(find_items(ui.window, "formPage")))
    wait_for_page(ui.window)
    assert "重新拍照" in text_of(ui, "error_id_card_back_photos")
    assert filings(ui) == 0
