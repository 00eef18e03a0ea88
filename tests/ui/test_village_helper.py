"""A village helper signs in by touch on the real QML: Staff on home, staff number and PIN; the screen locks
after the quiet spell (the PIN opens it, the work under it kept), the session ends after its hours, sign-out
wipes; wrong PINs are counted and lock; citizens' idle wipe gives way to the helper's lock."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from db.models import Draft, Filing, FilingAttachment, Rating
from kiosk.services.assisted_filing import file_for_resident, record_consent
from kiosk.services.demo_answers import demo_answers
from kiosk.services.helper_signin import SignedInHelper
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_for_page, wait_until
from tests.support.clock import ManualClock, china_time
from tests.support.helpers_pulled import pull_helpers

from .conftest import KioskUi
from .forms import any_item, go_to_review, row, text_of
from .helper_steps import (
    PIN,
    choose_service_as_helper,
    consent_by_signature,
    hand_over_and_rate,
    name_resident,
    shown_text,
    sign_in,
    type_pin,
)


@pytest.fixture
def ui_clock() -> ManualClock:
    """Time moved by hand: the lock and the end of a session come when the test says."""
    return ManualClock(china_time(2026, 12, 7, 9))


@pytest.fixture
def helper_ui(ui: KioskUi) -> KioskUi:
    """The UI of a kiosk that has pulled one helper with a PIN."""
    pull_helpers(ui.kiosk, [("BB-1001", "李桂兰", "active", PIN)])
    return ui


def _helper(ui: KioskUi) -> object:
    return ui.window.property("villageHelper")


def test_a_helper_signs_in_the_screen_locks_when_quiet_opens_with_the_pin_and_sign_out_wipes(
    helper_ui: KioskUi, ui_clock: ManualClock
) -> None:
    ui, window = helper_ui, helper_ui.window
    assert text_of(ui, "staffButton") == "工作人员"
    sign_in(ui)
    wait_until(lambda: bool(find_items(window, "helperHomeTitle")))
    wait_for_page(window)
    assert "李桂兰（工号 BB-1001）" in text_of(ui, "helperWho")
    wait_until(lambda: "待上报 0 件" in text_of(ui, "helperUploads"))

    tap(window, find_item(window, "helperLookupTile"))  # a resident's voucher typed, under the lock
    wait_until(lambda: bool(find_items(window, "voucherField")))
    find_item(window, "voucherField").setProperty("text", "7K3M")
    idle = window.property("idle")
    idle.timeout_s = 1
    idle.restart()
    settle(1500)
    assert not any_item(window, "idleWarning").isVisible(), (
        "the helper's lock guards the screen, not the wipe"
    )
    ui_clock.advance(timedelta(minutes=4))
    tap(window, find_item(window, "voucherField"))  # a touch: the quiet spell starts again
    ui_clock.advance(timedelta(minutes=4))
    _helper(ui).check()
    assert not any_item(window, "helperSignInPage").isVisible(), "8 minutes, but touched after 4: still open"

    ui_clock.advance(timedelta(minutes=2))
    _helper(ui).check()
    wait_until(lambda: text_of(ui, "helperTitle") == "屏幕已锁定")
    assert "李桂兰（工号 BB-1001）的工作已保留" in text_of(ui, "helperHint")
    assert not find_item(window, "homeButton").isEnabled(), "no way round the lock"
    type_pin(ui, "000111")
    wait_until(lambda: "还可以再试 4 次" in text_of(ui, "helperMessage"))
    type_pin(ui, PIN)
    wait_until(lambda: not any_item(window, "helperSignInPage").isVisible())
    assert text_of(ui, "voucherField") == "7K3M", "the work under the lock is kept"

    tap(window, find_item(window, "homeButton"))
    wait_until(lambda: bool(find_items(window, "helperHomeSignOutButton")))
    tap(window, find_item(window, "helperHomeSignOutButton"))
    wait_until(lambda: bool(find_items(window, "fileTile")))
    assert not _helper(ui).property("signedIn")


def test_the_session_ends_after_its_hours_and_the_work_is_wiped(
    helper_ui: KioskUi, ui_clock: ManualClock
) -> None:
    ui, window = helper_ui, helper_ui.window
    sign_in(ui)
    wait_until(lambda: bool(find_items(window, "helperHomeTitle")))
    tap(window, find_item(window, "helperLookupTile"))
    wait_until(lambda: bool(find_items(window, "voucherField")))
    for _hour in range(8):  # touched all the time: the lock never comes, the end does
        ui_clock.advance(timedelta(hours=1))
        _helper(ui).touched()
        _helper(ui).check()
    wait_until(lambda: "已到时限" in text_of(ui, "helperMessage"))
    tap(window, find_item(window, "helperBackButton"))
    wait_until(lambda: bool(find_items(window, "fileTile")))
    assert not find_items(window, "voucherField"), "the session's screens are gone: citizen home"


def test_five_wrong_pins_lock_the_helper_and_an_unknown_number_says_only_number_or_pin(
    helper_ui: KioskUi,
) -> None:
    ui, window = helper_ui, helper_ui.window
    sign_in(ui, "BB-7777", PIN)
    wait_until(lambda: "工号或密码不正确" in text_of(ui, "helperMessage"))
    find_item(window, "staffNoField").setProperty("text", "BB-1001")
    for left in (4, 3, 2, 1):
        type_pin(ui, "000111")
        wait_until(lambda left=left: f"还可以再试 {left} 次" in text_of(ui, "helperMessage"))
    type_pin(ui, "000111")
    wait_until(lambda: "已锁定" in text_of(ui, "helperMessage"))
    type_pin(ui, PIN)
    settle(200)
    wait_until(lambda: "已锁定" in text_of(ui, "helperMessage"))
    assert not _helper(ui).property("signedIn"), "locked: even the right PIN does not sign in"


def test_first_time_the_set_up_screen_asks_the_new_pin_twice(helper_ui: KioskUi) -> None:
    ui, window = helper_ui, helper_ui.window
    tap(window, find_item(window, "staffButton"))
    tap(window, find_item(window, "helperSetUpButton"))
    wait_until(lambda: text_of(ui, "helperTitle") == "首次设置密码")
    find_item(window, "staffNoField").setProperty("text", "BB-1001")
    find_item(window, "setupCodeField").setProperty("text", "ABCD-EFGH-JKMN")
    type_pin(ui, "604918")
    wait_until(lambda: "再输入一次" in text_of(ui, "helperHint"))
    type_pin(ui, "604917")
    wait_until(lambda: "两次输入的密码不一样" in text_of(ui, "helperMessage"))
    type_pin(ui, "604918")
    type_pin(ui, "604918")
    wait_until(lambda: "尚未注册" in text_of(ui, "helperMessage"))  # this kiosk has no county to ask
    assert not _helper(ui).property("signedIn")


def test_a_helper_files_for_a_resident_who_signs_then_hands_over_and_the_resident_rates(
    helper_ui: KioskUi,
) -> None:
    ui, window = helper_ui, helper_ui.window
    sign_in(ui)
    choose_service_as_helper(ui, "CA-001")
    assert window.property("residentReads"), "the consent is shown in elder sizes"
    resident = demo_answers(ui.kiosk.catalog.service("CA-001"))
    consent_by_signature(ui, resident)
    assert ui.vm.property("assisted")
    assert row(ui, "applicant_name")["value"] == resident["applicant_name"], "the resident is the applicant"

    for key, value in resident.items():
        ui.vm.setAnswer(key, value)
    go_to_review(ui)
    assert window.property("residentReads"), "the review is shown to the resident in elder sizes"
    tap(window, find_item(window, "confirmButton"))
    wait_until(lambda: bool(find_items(window, "doneButton")))
    wait_for_page(window)
    with ui.kiosk.sessions() as session:
        filing = session.scalars(select(Filing)).one()
    assert (filing.channel, filing.helper_id) == ("assisted", "BB-1001")
    shown = {line["label"]: line["value"] for line in ui.vm.property("receipt")["applicant"]}
    assert shown["帮办员"] == "李桂兰（BB-1001）" and shown["群众授权"].startswith("已存档"), (
        "the receipt says who filed"
    )
    wait_until(lambda: ui.vm.property("printState") != "printing")

    hand_over_and_rate(ui, resident)
    with ui.kiosk.sessions() as session:
        rating = session.scalars(select(Rating)).one()
    assert rating.given_by == "citizen_after_handover"


def test_my_filings_lists_the_helpers_filings_reprints_and_says_why_sync_cannot_run(
    helper_ui: KioskUi,
) -> None:
    ui, window = helper_ui, helper_ui.window
    service = ui.kiosk.catalog.service("CA-001")
    consent = record_consent(ui.kiosk, method="oral_witnessed", witness_name="王建国")
    filed = file_for_resident(
        ui.kiosk,
        helper=SignedInHelper("BB-1001", "李桂兰"),
        consent=consent,
        service_code=service.code,
        answers=demo_answers(service),
    )
    sign_in(ui)
    wait_until(lambda: bool(find_items(window, "myFilingsButton")))
    tap(window, find_item(window, "myFilingsButton"))
    wait_until(lambda: bool(find_items(window, f"helperFiling_{filed.filing_id}")))
    state = text_of(ui, "helperFilingState")
    assert "待上报" in state and filed.voucher_display in state
    tap(window, find_item(window, f"reprintButton_{filed.filing_id}"))
    wait_until(lambda: "重新打印" in shown_text(ui, "deskMessage"))
    tap(window, find_item(window, "syncNowButton"))
    wait_until(lambda: "尚未注册" in shown_text(ui, "deskMessage"))  # this kiosk has no county yet


def test_a_photo_of_the_signed_paper_form_is_the_consent_on_record(helper_ui: KioskUi) -> None:
    ui, window = helper_ui, helper_ui.window
    sign_in(ui)
    choose_service_as_helper(ui, "CA-001")
    resident = demo_answers(ui.kiosk.catalog.service("CA-001"))
    name_resident(ui, resident)
    tap(window, find_item(window, "consentMethod_paper_photo"))
    tap(window, find_item(window, "confirmConsentButton"))  # no photo yet: nothing is kept
    wait_until(lambda: "纸质授权书" in shown_text(ui, "consentMessage"))
    tap(window, find_item(window, "paperPhotoButton"))
    wait_until(lambda: bool(find_items(window, "photoPreview")))
    tap(window, find_item(window, "captureButton"))
    wait_until(lambda: text_of(ui, "paperPhotoButton").startswith("✓"))
    tap(window, find_item(window, "confirmConsentButton"))
    wait_until(lambda: bool(find_items(window, "formPage")))
    for key, value in resident.items():
        ui.vm.setAnswer(key, value)
    ui.vm.submit()
    wait_until(lambda: bool(find_items(window, "doneButton")))
    with ui.kiosk.sessions() as session:
        filing = session.scalars(select(Filing)).one()
        linked = session.scalars(
            select(FilingAttachment.sha256).where(FilingAttachment.filing_id == filing.id)
        ).all()
    assert filing.consent_enc is not None
    consent = json.loads(
        ui.kiosk.cipher.decrypt(record_id=filing.id, field="consent", blob=filing.consent_enc)
    )
    assert consent["consent_method"] == "paper_photo"
    assert consent["consent_evidence_sha256"] in linked, "the photo of the paper form goes with the filing"


def test_a_half_done_filing_is_kept_as_a_draft_and_finished_later_from_my_filings(helper_ui: KioskUi) -> None:
    ui, window = helper_ui, helper_ui.window
    sign_in(ui)
    choose_service_as_helper(ui, "CA-001")
    resident = demo_answers(ui.kiosk.catalog.service("CA-001"))
    name_resident(ui, resident)
    tap(window, find_item(window, "consentMethod_oral_witnessed"))
    find_item(window, "witnessField").setProperty("text", "王建国")
    tap(window, find_item(window, "confirmConsentButton"))
    wait_until(lambda: bool(find_items(window, "formPage")))
    wait_for_page(window)
    ui.vm.setAnswer("applicant_phone", resident["applicant_phone"])
    tap(window, find_item(window, "saveDraftButton"))
    wait_until(lambda: "草稿已保存" in shown_text(ui, "helperNote"))

    tap(window, find_item(window, "myFilingsButton"))
    wait_until(lambda: bool(find_items(window, "draftExpiry")))
    draft_id = _helper(ui).property("drafts")[0]["id"]
    tap(window, find_item(window, f"resumeDraftButton_{draft_id}"))
    wait_until(lambda: bool(find_items(window, "formPage")))
    wait_for_page(window)
    assert row(ui, "applicant_phone")["value"].replace(" ", "") == resident["applicant_phone"], (
        "as it was left"
    )
    assert row(ui, "applicant_name")["value"] == resident["applicant_name"]
    for key, value in resident.items():
        ui.vm.setAnswer(key, value)
    ui.vm.submit()
    wait_until(lambda: bool(find_items(window, "doneButton")))
    with ui.kiosk.sessions() as session:
        assert session.scalars(select(Filing)).one().channel == "assisted"
        assert session.scalars(select(Draft)).all() == [], "submitted: the draft is gone"
