"""Home asks before it throws a half-filled form or a rating begun away, and nothing under a dialog can be
tapped."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import Rating
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_for_page, wait_until

from .conftest import KioskUi
from .forms import file_and_see_the_receipt, open_form


def test_home_asks_before_a_half_filled_form_is_thrown_away(ui: KioskUi) -> None:
    open_form(ui, "SS-001")
    ui.vm.setAnswer("applicant_name", "张伟")
    tap(ui.window, find_item(ui.window, "homeButton"))
    wait_until(lambda: bool(find_items(ui.window, "discardTitle")))
    assert find_item(ui.window, "discardTitle").property("text") == "确定放弃填写？"

    tap(ui.window, find_item(ui.window, "keepFillingButton"))
    settle(100)
    assert find_items(ui.window, "discardTitle") == [] and ui.vm.form.answers["applicant_name"] == "张伟"
    assert find_items(ui.window, "submitButton"), "still on the form"

    tap(ui.window, find_item(ui.window, "homeButton"))
    wait_until(lambda: bool(find_items(ui.window, "discardButton")))
    tap(ui.window, find_item(ui.window, "discardButton"))
    wait_for_page(ui.window)
    assert find_items(ui.window, "fileTile") and not ui.vm.formInProgress


def test_home_from_an_untouched_form_does_not_ask(ui: KioskUi) -> None:
    open_form(ui, "SS-001")
    tap(ui.window, find_item(ui.window, "homeButton"))
    wait_for_page(ui.window)
    assert find_items(ui.window, "discardTitle") == [] and find_items(ui.window, "fileTile")


def test_the_top_bar_cannot_be_tapped_while_a_dialog_is_open(ui: KioskUi) -> None:
    open_form(ui, "SS-001")
    ui.vm.setAnswer("applicant_name", "张伟")
    language = find_item(ui.window, "languageButton")  # where it is before the dialog covers it
    tap(ui.window, find_item(ui.window, "homeButton"))
    wait_until(lambda: bool(find_items(ui.window, "discardTitle")))
    tap(ui.window, language)
    settle(100)
    assert ui.vm.language == "zh_CN", "the language must not change under a dialog"
    tap(ui.window, find_item(ui.window, "keepFillingButton"))
    settle(100)
    tap(ui.window, language)
    wait_until(lambda: ui.vm.language == "en")  # and the bar works again once the dialog is closed


def _faces_after_filing(ui: KioskUi) -> None:
    """File through the view-model, then Done on the receipt: the five faces."""
    file_and_see_the_receipt(ui, "SS-001")
    tap(ui.window, find_item(ui.window, "doneButton"))
    wait_until(lambda: bool(find_items(ui.window, "ratingLevels")))
    wait_for_page(ui.window)


def test_home_and_back_ask_before_a_face_tapped_is_dropped(ui: KioskUi) -> None:
    _faces_after_filing(ui)
    tap(ui.window, find_item(ui.window, "homeButton"))
    wait_for_page(ui.window)
    assert find_items(ui.window, "fileTile"), "no face tapped: Home goes home at once"

    _faces_after_filing(ui)
    tap(ui.window, find_item(ui.window, "level_4"))
    tap(ui.window, find_item(ui.window, "homeButton"))
    wait_until(lambda: bool(find_items(ui.window, "discardTitle")))
    assert find_item(ui.window, "discardTitle").property("text") == "确定放弃这次评价？"
    assert find_item(ui.window, "keepFillingButton").property("text") == "继续评价"
    tap(ui.window, find_item(ui.window, "keepFillingButton"))
    settle(100)
    rating = ui.window.property("rating")
    assert find_items(ui.window, "ratingLevels") and rating.property("chosenLevel") == 4, "the face is kept"

    tap(ui.window, find_item(ui.window, "backButton"))
    wait_until(lambda: bool(find_items(ui.window, "discardTitle")))
    tap(ui.window, find_item(ui.window, "discardButton"))
    wait_for_page(ui.window)
    assert find_items(ui.window, "doneButton"), "Back returns to the receipt"
    assert rating.property("chosenLevel") == 0 and not rating.property("inProgress")
    with ui.kiosk.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Rating)) == 0, "nothing was rated"
