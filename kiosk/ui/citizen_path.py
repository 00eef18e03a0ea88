"""The whole citizen path by touch, screen by screen: shared by the readability tests and the screenshots."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtQuick import QQuickWindow

from kiosk.domain.catalog import Catalog
from kiosk.services.demo_answers import demo_answers
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_for_page, wait_until
from kiosk.ui.viewmodel import KioskViewModel

SEARCH_EXAMPLE = "社保卡"
SEARCH_HIT = "SS-003"  # 社会保障卡申领


def walk_citizen_path(
    window: QQuickWindow, vm: KioskViewModel, catalog: Catalog, *, on_screen: Callable[[str], None]
) -> None:
    """Home → catalog → search → guide → form → errors → receipt → home → lookup → result → home."""

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
    tap(window, find_item(window, "submitButton"))
    settle(300)
    reached("06-form-errors")
    for key, value in demo_answers(catalog.service(SEARCH_HIT)).items():
        vm.setAnswer(key, value)
    tap(window, find_item(window, "submitButton"))
    wait_until(lambda: bool(find_items(window, "voucherCode")))
    wait_until(lambda: vm.property("printState") != "printing")
    reached("07-receipt")
    voucher = str(find_item(window, "voucherCode").property("text"))
    tap(window, find_item(window, "doneButton"))
    wait_for_page(window)
    tap(window, find_item(window, "lookupTile"))
    reached("08-lookup")
    find_item(window, "voucherField").setProperty("text", voucher.lower())
    tap(window, find_item(window, "lookupButton"))
    wait_until(lambda: bool(find_items(window, "lookupResult")))
    reached("09-lookup-result")
    tap(window, find_item(window, "homeButton"))
    wait_for_page(window)
