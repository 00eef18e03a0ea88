"""The keyboards stay inside the window and never cover the field being typed into.

Text is typed on Qt's on-screen keyboard (pinyin and English) docked at the bottom; ID numbers, phone
numbers and counts on the form's own large keypad (0–9, X for ID numbers, Delete, Done), docked under the
form in portrait and beside it in landscape, with the on-screen keyboard closed.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtTest import QTest

from kiosk.ui.probe import (
    find_item,
    find_items,
    keyboard_keys,
    pick_candidate,
    settle,
    tap,
    type_on_keyboard,
    wait_for_page,
    wait_until,
)

from .conftest import KioskUi
from .forms import any_item, open_form, pad_keys, row, scene_rect, shown_texts
from .readability import ELDER, pixels_per_mm

SCREENS = [((1280, 800), False), ((1280, 800), True), ((1080, 1920), False), ((1080, 1920), True)]


@pytest.fixture(params=SCREENS, ids=["landscape", "landscape-elder", "portrait", "portrait-elder"])
def screen(request: pytest.FixtureRequest, ui: KioskUi) -> QRectF:
    """The window at one size, in normal or elder mode; its rectangle."""
    size, elder = request.param
    ui.window.resize(*size)
    if elder:
        tap(ui.window, find_item(ui.window, "elderTile"))
    settle(100)
    return QRectF(0, 0, ui.window.width(), ui.window.height())


def test_the_keyboard_never_covers_the_last_field_of_a_long_form(ui: KioskUi, screen: QRectF) -> None:
    open_form(ui, "CA-001")
    last = ui.kiosk.catalog.service("CA-001").form.fields[-1].key
    field = find_item(ui.window, f"field_{last}")
    tap(ui.window, field)
    panel = find_item(ui.window, "inputPanel")
    wait_until(lambda: bool(panel.property("active")))
    settle(400)
    for typing in ("", "bing"):  # before typing, and with the pinyin candidates showing
        type_on_keyboard(ui.window, typing)
        settle(200)
        keyboard_top = scene_rect(panel).top()
        assert keyboard_top < screen.bottom(), "the keyboard is up"
        assert scene_rect(panel).bottom() <= screen.bottom() + 0.5, "the keyboard stays in the window"
        assert field.hasActiveFocus()
        shown = scene_rect(field)
        assert screen.contains(shown), f"{shown} is not inside the window {screen}"
        assert shown.bottom() <= keyboard_top, (
            f"the field ends at {shown.bottom()}, the keyboard starts at {keyboard_top}"
        )
    pick_candidate(ui.window, "病")
    assert row(ui, last)["value"] == "病"


def test_the_keypad_never_covers_the_last_field_of_a_long_form(ui: KioskUi, screen: QRectF) -> None:
    open_form(ui, "EL-005")  # 乡镇敬老院入住申请 ends with the emergency contact's mobile number
    last = ui.kiosk.catalog.service("EL-005").form.fields[-1].key
    field = find_item(ui.window, f"field_{last}")
    tap(ui.window, field)
    wait_until(lambda: bool(find_items(ui.window, "digitPad")))
    settle(300)
    pad_keys(ui.window, "139")
    pad = scene_rect(find_item(ui.window, "digitPad"))
    shown = scene_rect(field)
    assert not any_item(ui.window, "inputPanel").isVisible(), "the on-screen keyboard stays closed"
    assert screen.contains(pad) and screen.contains(shown)
    if screen.width() < screen.height():
        assert shown.bottom() <= pad.top(), "portrait: the keypad is under the field"
    else:
        assert shown.right() <= pad.left(), "landscape: the keypad is beside the field"
    assert row(ui, last)["value"] == "139"
    assert find_items(ui.window, "digitKey_X") == [], "a phone number has no X"


def test_id_and_mobile_numbers_are_grouped_as_they_are_typed_and_delete_skips_the_spaces(ui: KioskUi) -> None:
    open_form(ui, "SS-003")
    field = find_item(ui.window, "field_applicant_id_number")
    tap(ui.window, field)
    wait_until(lambda: bool(find_items(ui.window, "digitPad")))
    pad_keys(ui.window, "1101051")
    assert field.property("text") == "110105 1"
    pad_keys(ui.window, "9491231")
    assert field.property("text") == "110105 19491231"
    field.setProperty("cursorPosition", 7)  # just after the first group's space
    tap(ui.window, find_item(ui.window, "digitKey_delete"))  # deletes the 5 before the space, not the space
    settle(50)
    assert field.property("text") == "110101 9491231" and field.property("cursorPosition") == 5
    pad_keys(ui.window, "5")  # typed where the cursor stayed
    assert field.property("text") == "110105 19491231"
    phone = find_item(ui.window, "field_applicant_phone")
    tap(ui.window, phone)
    pad_keys(ui.window, "13812345678")
    assert phone.property("text") == "138 1234 5678"
    pad_keys(ui.window, "9")  # a twelfth digit does not fit
    assert phone.property("text") == "138 1234 5678"


def test_an_id_number_ending_in_x_is_typed_by_tapping_keys(ui: KioskUi) -> None:
    open_form(ui, "SS-003")
    field = find_item(ui.window, "field_applicant_id_number")
    tap(ui.window, field)
    wait_until(lambda: bool(find_items(ui.window, "digitPad")))
    pad_keys(ui.window, "110105194912310028")
    tap(ui.window, find_item(ui.window, "digitKey_delete"))
    pad_keys(ui.window, "X9")  # the 19th character does not fit an ID number
    assert field.property("text") == "110105 19491231 002X"
    assert row(ui, "applicant_id_number")["value"] == "110105 19491231 002X"
    tap(ui.window, find_item(ui.window, "digitKey_done"))
    assert find_items(ui.window, "digitPad") == [] and not field.hasActiveFocus()
    tap(ui.window, find_item(ui.window, "submitButton"))
    wait_until(lambda: bool(find_items(ui.window, "error_applicant_name")))
    assert find_items(ui.window, "error_applicant_id_number") == [], "a valid ID number, X and all"


def test_text_fields_still_get_the_pinyin_keyboard_after_the_keypad(ui: KioskUi) -> None:
    open_form(ui, "SS-003")
    tap(ui.window, find_item(ui.window, "field_applicant_phone"))
    wait_until(lambda: bool(find_items(ui.window, "digitPad")))
    tap(ui.window, find_item(ui.window, "field_applicant_name"))
    wait_until(lambda: find_item(ui.window, "inputPanel").property("active"))
    assert find_items(ui.window, "digitPad") == []
    type_on_keyboard(ui.window, "li")
    pick_candidate(ui.window, "李")
    assert row(ui, "applicant_name")["value"] == "李"


def test_the_on_screen_keyboard_keys_are_large_enough_to_hit(ui: KioskUi, screen: QRectF) -> None:
    """Qt's keyboard spans the window's width, so its keys grow with the screen: 15 mm in every mode."""
    open_form(ui, "SS-003")
    tap(ui.window, find_item(ui.window, "field_applicant_name"))
    wait_until(lambda: bool(find_item(ui.window, "inputPanel").property("active")))
    settle(400)
    mm = pixels_per_mm(ui.window)
    keys = keyboard_keys(ui.window)
    sizes = {letter: (keys[letter].width() / mm, keys[letter].height() / mm) for letter in "qazm"}
    for letter, (width, height) in sizes.items():
        assert min(width, height) >= ELDER.min_target_mm, f"key {letter}: {width:.1f} × {height:.1f} mm"


def test_no_keypad_label_breaks_inside_a_word(ui: KioskUi, screen: QRectF) -> None:
    open_form(ui, "SS-003")
    tap(ui.window, find_item(ui.window, "field_applicant_id_number"))
    wait_until(lambda: bool(find_items(ui.window, "digitPad")))
    for name in ("digitKey_delete", "digitKey_done", "digitKey_X", "digitKey_0"):
        key = find_item(ui.window, name)
        label = key.property("contentItem")
        lines = str(label.property("text")).split("\n")
        assert label.property("lineCount") == len(lines), f"{name}: {lines} wraps"  # "⌫ 删/除" did
        assert label.property("contentWidth") <= key.width(), name


def test_the_top_bar_stays_while_the_keyboard_is_open(ui: KioskUi, screen: QRectF) -> None:
    """A "nothing found" page sends the citizen to Help: Back, Home and Help stay on screen above the keyboard."""
    tap(ui.window, find_item(ui.window, "fileTile"))
    wait_until(lambda: bool(find_items(ui.window, "searchField")))
    tap(ui.window, find_item(ui.window, "searchField"))
    panel = find_item(ui.window, "inputPanel")
    wait_until(lambda: bool(panel.property("active")))
    type_on_keyboard(ui.window, "zzzz")
    settle(300)
    keyboard_top = scene_rect(panel).top()
    assert keyboard_top < screen.bottom(), "the keyboard is up"
    for name in ("backButton", "homeButton", "helpButton"):
        button = find_item(ui.window, name)
        shown = button.mapRectToScene(QRectF(0, 0, button.width(), button.height()))
        assert button.isVisible() and screen.contains(shown), f"{name} at {shown}"
        assert shown.bottom() <= keyboard_top, f"{name} is under the keyboard"


def test_a_voucher_code_typed_in_small_letters_shows_in_capitals_as_on_the_receipt(ui: KioskUi) -> None:
    tap(ui.window, find_item(ui.window, "lookupTile"))
    wait_for_page(ui.window)
    field = find_item(ui.window, "voucherField")
    tap(ui.window, field)
    field.setProperty("text", "")
    for char in "k7mq":  # as a keyboard without shift types
        QTest.keyClick(ui.window, char)
    assert field.property("text") == "K7MQ"
    assert field.property("cursorPosition") == 4


def test_elder_mode_shows_the_candidates_in_elder_type_and_says_there_is_no_handwriting(ui: KioskUi) -> None:
    tap(ui.window, find_item(ui.window, "elderTile"))
    open_form(ui, "SS-003")
    field = find_item(ui.window, "field_applicant_name")
    tap(ui.window, field)
    panel = find_item(ui.window, "inputPanel")
    wait_until(lambda: bool(panel.property("active")))
    settle(300)
    note = find_item(ui.window, "handwritingNote")  # the pinned wheel ships no handwriting engine
    said = " ".join(shown_texts(note))
    assert "手写" in said and "拼音" in said and "求助" in said, said
    assert scene_rect(note).bottom() <= scene_rect(panel).top() + 0.5, "above the keyboard"
    assert scene_rect(field).bottom() <= scene_rect(note).top() + 0.5, "the field stays above the note"
    type_on_keyboard(ui.window, "zhang")
    settle(300)
    candidates = [item for item in find_items(ui.window, "elderCandidate") if item.property("text") == "张"]
    assert candidates and candidates[0].property("font").pixelSize() >= ELDER.min_text_px
    assert find_items(ui.window, "handwritingNote") == [], "the candidates take its place"
    assert scene_rect(field).bottom() <= scene_rect(candidates[0]).top(), (
        "the field stays above the candidates"
    )
    pick_candidate(ui.window, "张")
    assert field.property("text") == "张"
