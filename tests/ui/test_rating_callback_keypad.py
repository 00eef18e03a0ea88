"""The call-back number of a bad rating is typed on the page's own keypad, never on the on-screen keyboard.

Like a form's phone field: the keypad (digits, Delete, Done; no X) sits beside the page in landscape and under
it in portrait, in normal and elder mode, and both ways on (call me on this number; no call back, submit) stay
on screen, uncovered, and in place.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from db.models import Rating
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_for_page, wait_until

from .conftest import KioskUi
from .forms import any_item, pad_keys, scene_rect
from .readability import ELDER, NORMAL, audit

PHONE = "13700001111"
FILED_SERVICE = "SS-003"
BUTTONS = ("submitCallbackButton", "noCallbackButton")

# (size, elder mode, language): English words are longest, so elder English is the tightest beside the keypad.
SCREENS = [
    ((1280, 800), False, "zh_CN"),
    ((1280, 800), True, "zh_CN"),
    ((1280, 800), True, "en"),
    ((1080, 1920), False, "zh_CN"),
    ((1080, 1920), True, "zh_CN"),
]
SCREEN_IDS = ["landscape", "landscape-elder", "landscape-elder-en", "portrait", "portrait-elder"]


@pytest.fixture(params=SCREENS, ids=SCREEN_IDS)
def screen(request: pytest.FixtureRequest, ui: KioskUi) -> QRectF:
    """The window at one size, language and mode; its rectangle."""
    size, elder, language = request.param
    ui.window.resize(*size)
    ui.vm.setLanguage(language)
    if elder:
        tap(ui.window, find_item(ui.window, "elderTile"))
    settle(100)
    assert bool(ui.vm.elderMode) == elder
    return QRectF(0, 0, ui.window.width(), ui.window.height())


def _ratings(ui: KioskUi) -> list[Rating]:
    with ui.kiosk.sessions() as session:
        return list(session.scalars(select(Rating)))


def _stored_phone(ui: KioskUi, rating: Rating) -> str:
    assert rating.callback_phone_enc is not None, "no call-back number was stored"
    return ui.kiosk.cipher.decrypt(
        record_id=rating.id, field="callback_phone", blob=rating.callback_phone_enc
    )


def _reach_the_call_back_offer(ui: KioskUi) -> None:
    """A filing's voucher typed on the rate screen, 不满意, one reason, Next: the call-back is offered."""
    window, service = ui.window, ui.kiosk.catalog.service(FILED_SERVICE)
    filed = submit_filing(ui.kiosk, service_code=service.code, answers=demo_answers(service))
    tap(window, find_item(window, "rateTile"))
    wait_for_page(window)
    find_item(window, "voucherField").setProperty("text", filed.voucher_display.lower())
    tap(window, find_item(window, "rateVoucherButton"))
    wait_until(lambda: bool(find_items(window, "ratingLevels")))
    wait_for_page(window)
    tap(window, find_item(window, "level_2"))
    tap(window, find_item(window, "submitRatingButton"))
    wait_until(lambda: bool(find_items(window, "ratingReasons")))
    wait_for_page(window)
    tap(window, find_item(window, "reason_long_wait"))
    tap(window, find_item(window, "reasonsNextButton"))
    wait_until(lambda: bool(find_items(window, "callbackPhoneField")))
    wait_for_page(window)
    settle(100)


def _open_the_keypad(ui: KioskUi) -> None:
    tap(ui.window, find_item(ui.window, "callbackPhoneField"))
    wait_until(lambda: bool(find_items(ui.window, "digitPad")))
    settle(200)


def _assert_keyboard_closed(ui: KioskUi) -> None:
    """Qt's on-screen keyboard is neither shown nor on screen (Main.qml hides it for keypad fields)."""
    panel = any_item(ui.window, "inputPanel")
    on_screen = panel.isVisible() and scene_rect(panel).top() < ui.window.height()
    assert not on_screen, "the on-screen keyboard opened"
    assert not ui.window.property("keyboardShown")


def _assert_buttons_in_reach(ui: KioskUi, screen: QRectF) -> None:
    """Both submit buttons are whole inside the window and the keypad (when open) covers neither."""
    pads = find_items(ui.window, "digitPad")
    for name in BUTTONS:
        shown = scene_rect(find_item(ui.window, name))
        assert screen.contains(shown), f"{name} at {shown} is not inside the window {screen}"
        for pad in pads:
            assert not shown.intersects(scene_rect(pad)), f"the keypad covers {name}"


def _press_and_release(ui: KioskUi, name: str) -> None:
    """Tap a button slowly: while the finger is down, the button stays where it was pressed."""
    item = find_item(ui.window, name)
    settle(50)
    before = scene_rect(item)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    left, no_modifier = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mouseMove(ui.window, centre)
    QTest.mousePress(ui.window, left, no_modifier, centre)
    settle(200)
    assert scene_rect(item) == before, f"pressing {name} moved it from under the finger"
    QTest.mouseRelease(ui.window, left, no_modifier, centre, 80)


def test_the_call_back_number_is_typed_on_the_keypad_and_submit_stays_in_reach(
    ui: KioskUi, screen: QRectF
) -> None:
    _reach_the_call_back_offer(ui)
    assert find_items(ui.window, "digitPad") == [], "the keypad opens when the field is tapped"
    _assert_buttons_in_reach(ui, screen)

    _open_the_keypad(ui)
    field = find_item(ui.window, "callbackPhoneField")
    pad = scene_rect(find_item(ui.window, "digitPad"))
    _assert_keyboard_closed(ui)
    assert field.hasActiveFocus(), "the field typed into stays marked"
    assert screen.contains(pad) and screen.contains(scene_rect(field))
    assert not scene_rect(field).intersects(pad), "the keypad covers the field"
    if screen.width() < screen.height():
        assert scene_rect(find_item(ui.window, "submitCallbackButton")).bottom() <= pad.top(), (
            "portrait: the keypad is under the page and its buttons"
        )
    else:
        assert scene_rect(field).right() <= pad.left(), "landscape: the keypad is beside the page"
    assert find_items(ui.window, "digitKey_X") == [], "a phone number has no X"
    assert find_items(ui.window, "digitKey_delete") and find_items(ui.window, "digitKey_done")
    _assert_buttons_in_reach(ui, screen)
    problems = audit(ui.window, ELDER if ui.vm.elderMode else NORMAL)
    assert problems == [], "\n".join(problems)

    # One digit short: the helper explains, nothing is stored, and the keypad stays for the last digit.
    pad_keys(ui.window, PHONE[:-1])
    assert field.property("text") == PHONE[:-1]
    _assert_keyboard_closed(ui)
    _press_and_release(ui, "submitCallbackButton")
    wait_until(lambda: bool(find_items(ui.window, "phoneError")))
    settle(200)
    error = find_item(ui.window, "phoneError")
    assert "11" in str(error.property("text")), "a short number is explained"
    assert screen.contains(scene_rect(error)) and not scene_rect(error).intersects(pad), (
        "the error is in view"
    )
    assert _ratings(ui) == []
    assert find_items(ui.window, "digitPad"), "the keypad stays open after a refused number"
    _assert_keyboard_closed(ui)
    _assert_buttons_in_reach(ui, screen)

    pad_keys(ui.window, PHONE[-1] + "9")
    tap(ui.window, find_item(ui.window, "digitKey_delete"))
    assert field.property("text") == PHONE
    assert field.hasActiveFocus(), "typing on the keypad marks the field again"
    _assert_keyboard_closed(ui)

    _press_and_release(ui, "submitCallbackButton")
    wait_until(lambda: bool(find_items(ui.window, "thanksText")))
    wait_for_page(ui.window)
    assert "1111" in str(find_item(ui.window, "thanksText").property("text"))
    (rating,) = _ratings(ui)
    assert (rating.level, _stored_phone(ui, rating)) == (2, PHONE)
    _assert_keyboard_closed(ui)


def test_done_closes_the_keypad_and_keeps_the_number_for_submit(ui: KioskUi) -> None:
    _reach_the_call_back_offer(ui)
    _open_the_keypad(ui)
    pad_keys(ui.window, PHONE)
    field = find_item(ui.window, "callbackPhoneField")
    tap(ui.window, find_item(ui.window, "digitKey_done"))
    settle(100)
    assert find_items(ui.window, "digitPad") == [] and not field.hasActiveFocus()
    assert field.property("text") == PHONE
    _assert_keyboard_closed(ui)

    _open_the_keypad(ui)  # the field tapped again: the keypad, not the on-screen keyboard
    _assert_keyboard_closed(ui)
    tap(ui.window, find_item(ui.window, "digitKey_done"))
    settle(100)
    tap(ui.window, find_item(ui.window, "submitCallbackButton"))
    wait_until(lambda: bool(find_items(ui.window, "thanksText")))
    (rating,) = _ratings(ui)
    assert _stored_phone(ui, rating) == PHONE


def test_no_call_back_with_the_keypad_open_stores_the_rating_without_the_number(ui: KioskUi) -> None:
    _reach_the_call_back_offer(ui)
    _open_the_keypad(ui)
    pad_keys(ui.window, PHONE)
    _press_and_release(ui, "noCallbackButton")
    wait_until(lambda: bool(find_items(ui.window, "thanksText")))
    wait_for_page(ui.window)
    assert "回访" not in str(find_item(ui.window, "thanksText").property("text")), "no call-back promised"
    (rating,) = _ratings(ui)
    assert (rating.level, rating.callback_phone_enc) == (2, None), "the rating is kept, the number is not"
    _assert_keyboard_closed(ui)
