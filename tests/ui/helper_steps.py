"""The village helper's steps on the real QML, shared by the helper tests: sign in, choose a service for a
resident, the resident's consent with a finger signature, the hand-over and the resident's rating."""

from __future__ import annotations

from kiosk.ui.probe import find_item, find_items, tap, wait_for_page, wait_until

from .conftest import KioskUi
from .drawing import draw
from .forms import text_of

PIN = "582046"


def type_pin(ui: KioskUi, pin: str) -> None:
    """Tap the PIN's digits on the pad, then OK."""
    for digit in pin:
        tap(ui.window, find_item(ui.window, f"pinKey_{digit}"))
    tap(ui.window, find_item(ui.window, "pinOkButton"))


def sign_in(ui: KioskUi, staff_no: str = "bb-1001", pin: str = PIN) -> None:
    """Home's Staff entry, the staff number (as if typed) and the PIN on the pad."""
    tap(ui.window, find_item(ui.window, "staffButton"))
    wait_until(lambda: bool(find_items(ui.window, "staffNoField")))
    find_item(ui.window, "staffNoField").setProperty("text", staff_no)  # as if typed
    type_pin(ui, pin)


def shown_text(ui: KioskUi, name: str) -> str:
    """The text of an item, "" while it is not shown."""
    items = find_items(ui.window, name)
    return str(items[0].property("text")) if items else ""


def choose_service_as_helper(ui: KioskUi, code: str) -> None:
    """Helper home → 为群众办事 → the service found by name → its guide's Start: the consent page."""
    window = ui.window
    wait_until(lambda: bool(find_items(window, "helperFileTile")))
    tap(window, find_item(window, "helperFileTile"))
    wait_for_page(window)
    find_item(window, "searchField").setProperty("text", ui.kiosk.catalog.service(code).name.zh)
    wait_until(lambda: bool(find_items(window, f"service_{code}")))
    tap(window, find_item(window, f"service_{code}"))
    wait_for_page(window)
    tap(window, find_item(window, "startButton"))
    wait_until(lambda: bool(find_items(window, "consentTitle")))


def name_resident(ui: KioskUi, resident: dict[str, str]) -> None:
    """The resident's name and ID number typed and the statement shown."""
    window = ui.window
    find_item(window, "residentNameField").setProperty("text", resident["applicant_name"])
    find_item(window, "residentIdField").setProperty("text", resident["applicant_id_number"])
    tap(window, find_item(window, "showStatementButton"))
    wait_until(lambda: "委托帮办员" in shown_text(ui, "consentStatement"))


def consent_by_signature(ui: KioskUi, resident: dict[str, str]) -> None:
    """The resident named (a wrong ID first), the statement shown, a signature drawn and kept, consent confirmed."""
    window = ui.window
    find_item(window, "residentNameField").setProperty("text", resident["applicant_name"])
    find_item(window, "residentIdField").setProperty("text", "110105194912310021")  # a wrong check character
    tap(window, find_item(window, "showStatementButton"))
    wait_until(lambda: shown_text(ui, "consentMessage") != "")
    find_item(window, "residentIdField").setProperty("text", resident["applicant_id_number"])
    tap(window, find_item(window, "showStatementButton"))
    wait_until(lambda: "委托帮办员李桂兰（工号 BB-1001）" in shown_text(ui, "consentStatement"))
    assert resident["applicant_id_number"] not in text_of(ui, "consentStatement"), "the ID is masked"

    tap(window, find_item(window, "confirmConsentButton"))  # not signed yet: nothing is kept
    wait_until(lambda: "签名" in shown_text(ui, "consentMessage"))
    assert not ui.vm.property("assisted")
    draw(
        window, find_item(window, "signatureArea"), [(0.1 + 0.05 * i, 0.3 + 0.1 * (i % 4)) for i in range(14)]
    )
    tap(window, find_item(window, "signatureDoneButton"))
    wait_until(lambda: text_of(ui, "signatureDoneButton").startswith("✓"))
    tap(window, find_item(window, "confirmConsentButton"))
    wait_until(lambda: bool(find_items(window, "formPage")))
    wait_for_page(window)


def hand_over_and_rate(ui: KioskUi, resident: dict[str, str]) -> None:
    """The receipt's Done: the hand-over (a wrong last four first), then the resident's five stars."""
    window = ui.window
    tap(window, find_item(window, "doneButton"))
    wait_until(lambda: bool(find_items(window, "handoverTitle")))
    find_item(window, "handoverField").setProperty("text", "0000")
    tap(window, find_item(window, "handoverRateButton"))
    wait_until(lambda: bool(find_items(window, "handoverMessage")))
    find_item(window, "handoverField").setProperty("text", resident["applicant_id_number"][-4:])
    tap(window, find_item(window, "handoverRateButton"))
    wait_until(lambda: bool(find_items(window, "level_5")))
    tap(window, find_item(window, "level_5"))
    tap(window, find_item(window, "submitRatingButton"))
    wait_until(lambda: bool(find_items(window, "ratingThanksPage")))
