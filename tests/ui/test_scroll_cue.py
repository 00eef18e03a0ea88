"""The scroll cue in elder sizes: a page that scrolls says so, its button turns one page without skipping
anything, and at the end the last item is wholly in view and the cue is gone."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem

from kiosk.services.demo_answers import demo_answers
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_until

from .conftest import KioskUi
from .forms import any_item, open_form, open_guide, scene_rect

SERVICE = "SS-003"  # 社会保障卡申领: the longest guide of the sample catalog


def _cue(view: QQuickItem) -> QQuickItem:
    return next(child for child in view.childItems() if child.objectName() == "scrollCue")


def _texts_in(item: QQuickItem) -> list[QQuickItem]:
    found = [item] if item.inherits("QQuickText") and item.isVisible() else []
    for child in item.childItems():
        found.extend(_texts_in(child))
    return found


def test_the_elder_guide_says_it_scrolls_and_its_button_turns_page_by_page_to_the_end(ui: KioskUi) -> None:
    tap(ui.window, find_item(ui.window, "elderTile"))
    settle(200)
    open_guide(ui, SERVICE)
    view = find_item(ui.window, "guideFlick")
    cue = _cue(view)
    more = find_item(ui.window, "scrollMoreButton")
    assert cue.isVisible() and more.isVisible(), "the guide is longer than the screen and says so"
    assert str(find_item(ui.window, "scrollMoreText").property("text")).startswith("▼")
    assert more.height() >= 15 * 96 / 25.4 - 0.5, "the button is a touch target an elder can hit"

    turns = 0
    while more.isVisible():
        shown = scene_rect(view)
        band_top = shown.bottom() - float(cue.property("bandHeight"))
        # Texts the fade and the button hide now must be on screen, whole, after the turn.
        hidden = [text for text in _texts_in(view) if band_top <= scene_rect(text).top() < shown.bottom()]
        tap(ui.window, more)
        settle(400)
        turns += 1
        assert turns < 10, "the button reaches the end"
        shown = scene_rect(view)
        for text in hidden:
            rect = scene_rect(text)
            assert shown.intersects(rect) and rect.top() >= shown.top() - 0.5, (
                f"{text.property('text')!r} was under the fade and is now skipped"
            )

    assert turns >= 2, "an elder guide takes more than one screen"
    last = find_item(ui.window, "guideLegalBasis")
    assert scene_rect(view).contains(scene_rect(last).adjusted(0, 0, 0, -0.5)), "the last section is whole"
    assert cue.isVisible() and not more.isVisible(), "at the end the bar stays, the button goes"
    assert float(view.property("contentY")) > 0
    thumb = find_item(ui.window, "scrollThumb")
    bar = find_item(ui.window, "scrollBar")
    assert abs(scene_rect(thumb).bottom() - scene_rect(bar).bottom()) < 1, "the bar shows the end is reached"
    assert QRectF(0, 0, ui.window.width(), ui.window.height()).contains(
        scene_rect(find_item(ui.window, "startButton"))
    )


def test_next_tapped_at_the_end_of_a_long_form_with_the_keyboard_open_goes_to_the_review(ui: KioskUi) -> None:
    open_form(ui, "CA-001")  # 最低生活保障申请: its last field is a text typed with the keyboard
    for key, value in demo_answers(ui.kiosk.catalog.service("CA-001")).items():
        ui.vm.setAnswer(key, value)
    tap(ui.window, find_item(ui.window, "field_hardship_reason"))
    wait_until(lambda: bool(QGuiApplication.inputMethod().isVisible()))
    settle(300)
    assert not any_item(ui.window, "formActionBar").isVisible(), "the keyboard leaves no room for the bar"

    tap(ui.window, find_item(ui.window, "submitButton"))  # at the end of the form, above the keyboard
    wait_until(lambda: bool(find_items(ui.window, "confirmButton")))
    assert not QGuiApplication.inputMethod().isVisible(), "the review is read without the keyboard over it"
