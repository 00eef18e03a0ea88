"""The whole citizen path by touch, screen by screen: shared by the readability tests and the screenshots."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtQuick import QQuickWindow

from kiosk.domain.catalog import Catalog
from kiosk.ui.form_touch import file_by_touch
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_for_page, wait_until
from kiosk.ui.viewmodel import KioskViewModel

SEARCH_EXAMPLE = "社保卡"
SEARCH_HIT = "SS-003"  # 社会保障卡申领


def walk_citizen_path(
    window: QQuickWindow, vm: KioskViewModel, catalog: Catalog, *, on_screen: Callable[[str], None]
) -> None:
    """Home → catalog → search → guide → form → errors → keypad → camera → review → receipt → rating →
    reasons → call-back → thanks → home → lookup → result → home → rate → counter services → home."""

    def reached(screen: str) -> None:
        wait_for_page(window)
        settle(150)
        on_screen(screen)

    reached("01-home")
    tap(window, find_item(window, "fileTile"))
    reached("02-catalog")
    find_item(window, "searchField").setProperty("text", SEARCH_EXAMPLE)
    wait_until(lambda: bool(find_items(window, f"service_{SEARCH_HIT}")))
    reached("03-catalog-search")
    tap(window, find_item(window, f"service_{SEARCH_HIT}"))
    reached("04-guide")
    tap(window, find_item(window, "startButton"))
    reached("05-form")
    # errors, keypad, camera, review, confirm
    file_by_touch(window, vm, catalog.service(SEARCH_HIT), on_screen=reached)
    wait_until(lambda: bool(find_items(window, "voucherCode")))
    wait_until(lambda: vm.property("printState") != "printing")
    reached("07-receipt")
    voucher = str(find_item(window, "voucherCode").property("text"))
    tap(window, find_item(window, "doneButton"))
    rate_badly(window, reached)
    tap(window, find_item(window, "lookupTile"))
    reached("08-lookup")
    find_item(window, "voucherField").setProperty("text", voucher.lower())
    tap(window, find_item(window, "lookupButton"))
    wait_until(lambda: bool(find_items(window, "lookupResult")))
    reached("09-lookup-result")
    tap(window, find_item(window, "homeButton"))
    wait_for_page(window)
    tap(window, find_item(window, "rateTile"))
    reached("10-rate")
    tap(window, find_item(window, "windowRatingButton"))
    reached("11-rate-counter")
    tap(window, find_item(window, "homeButton"))
    wait_for_page(window)


def rate_badly(window: QQuickWindow, reached: Callable[[str], None]) -> None:
    """The rating screen after the receipt: 不满意, a reason, no call-back phone, the thank-you, home."""
    wait_until(lambda: bool(find_items(window, "ratingLevels")))
    reached("07a-rating")
    tap(window, find_item(window, "level_2"))
    tap(window, find_item(window, "submitRatingButton"))
    wait_until(lambda: bool(find_items(window, "ratingReasons")))
    wait_for_page(window)
    tap(window, find_item(window, "reason_long_wait"))
    reached("07b-rating-reasons")
    tap(window, find_item(window, "reasonsNextButton"))
    wait_until(lambda: bool(find_items(window, "callbackPhoneField")))
    reached("07c-rating-callback")
    tap(window, find_item(window, "noCallbackButton"))
    wait_until(lambda: bool(find_items(window, "thanksText")))
    reached("07d-rating-thanks")
    tap(window, find_item(window, "thanksHomeButton"))
    wait_for_page(window)
