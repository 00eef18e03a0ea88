"""The village helper's screens, for the screenshots: sign-in after a wrong PIN, PIN set-up, the helper's home,
the resident's consent with a signature drawn, the hand-over, 我的办件 and the lock screen; ends on home."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from kiosk.services.demo_answers import demo_answers
from kiosk.services.demo_helper import ensure_demo_helper
from kiosk.services.runtime import KioskRuntime
from kiosk.ui.probe import (
    find_item,
    find_items,
    grab,
    scroll_into_view,
    settle,
    tap,
    wait_for_page,
    wait_until,
)

if TYPE_CHECKING:
    from kiosk.ui.app import KioskUi

HELPER_PIN = "582046"
SERVICE = "CA-001"


def _sign(ui: KioskUi) -> None:
    """A finger signature: one stroke across the signature box."""
    area = find_item(ui.window, "signatureArea")
    scroll_into_view(area)
    settle(200)
    points = [
        QPointF((0.1 + 0.05 * i) * area.width(), (0.3 + 0.12 * (i % 4)) * area.height()) for i in range(15)
    ]
    scene = [area.mapToScene(point).toPoint() for point in points]
    button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(ui.window, button, none, scene[0])
    for point in scene[1:]:
        QTest.mouseMove(ui.window, point, 10)
    QTest.mouseRelease(ui.window, button, none, scene[-1], 10)


def _pin(ui: KioskUi, pin: str) -> None:
    helper = ui.window.property("villageHelper")
    for digit in pin:
        helper.press(digit)


OnScreen = Callable[[str], None]


def _until(condition: Callable[[], bool]) -> None:
    wait_until(condition, timeout_ms=10000)


def _shoot_sign_in(ui: KioskUi, staff_no: str, on_screen: OnScreen) -> None:
    """The set-up screen with a PIN typed, the sign-in after a wrong PIN, then signed in: the helper's home."""
    window, helper = ui.window, ui.window.property("villageHelper")
    helper.openSetUp()
    find_item(window, "staffNoField").setProperty("text", staff_no)
    find_item(window, "setupCodeField").setProperty("text", "K7QM-3DNX-8HJT")
    _pin(ui, "604918")
    on_screen("helper-setup")
    helper.openSignIn()
    find_item(window, "staffNoField").setProperty("text", staff_no)
    _pin(ui, "111111")
    helper.signIn(staff_no)
    _until(lambda: not helper.property("busy"))
    _pin(ui, "58")
    on_screen("helper-signin")
    helper.erase()
    helper.erase()
    _pin(ui, HELPER_PIN)
    helper.signIn(staff_no)
    _until(lambda: bool(find_items(window, "helperFileTile")))
    on_screen("helper-home")


def _shoot_assisted_filing(ui: KioskUi, kiosk: KioskRuntime, on_screen: OnScreen) -> None:
    """为群众办事: the consent (statement, then signed), the receipt, the hand-over."""
    window = ui.window
    tap(window, find_item(window, "helperFileTile"))
    wait_for_page(window)
    service = kiosk.catalog.service(SERVICE)
    find_item(window, "searchField").setProperty("text", service.name.zh)
    _until(lambda: bool(find_items(window, f"service_{SERVICE}")))
    tap(window, find_item(window, f"service_{SERVICE}"))
    wait_for_page(window)
    tap(window, find_item(window, "startButton"))
    _until(lambda: bool(find_items(window, "consentTitle")))
    resident = demo_answers(service)
    find_item(window, "residentNameField").setProperty("text", resident["applicant_name"])
    find_item(window, "residentIdField").setProperty("text", resident["applicant_id_number"])
    tap(window, find_item(window, "showStatementButton"))
    _until(lambda: bool(find_items(window, "consentStatement")))
    scroll_into_view(find_item(window, "consentStatement"))
    on_screen("helper-consent")
    _sign(ui)
    on_screen("helper-consent-signed")
    tap(window, find_item(window, "signatureDoneButton"))
    _until(lambda: str(find_item(window, "signatureDoneButton").property("text")).startswith("✓"))
    tap(window, find_item(window, "confirmConsentButton"))
    _until(lambda: bool(find_items(window, "formPage")))
    wait_for_page(window)
    for key, value in resident.items():
        ui.viewmodel.setAnswer(key, value)
    ui.viewmodel.submit()
    _until(lambda: bool(find_items(window, "doneButton")))
    wait_for_page(window)
    _until(lambda: ui.viewmodel.property("printState") != "printing")
    on_screen("helper-receipt")
    tap(window, find_item(window, "doneButton"))
    _until(lambda: bool(find_items(window, "handoverTitle")))
    on_screen("helper-handover")


def shoot_helper_screens(ui: KioskUi, kiosk: KioskRuntime, *, out_dir: Path, prefix: str) -> list[Path]:
    """Every helper screen once, in the variant's language and size; ends signed out, on home."""
    window, helper = ui.window, ui.window.property("villageHelper")
    shots: list[Path] = []

    def on_screen(name: str) -> None:
        wait_for_page(window)
        settle(250)
        shots.append(grab(window, out_dir / f"{prefix}-{name}.png"))

    _shoot_sign_in(ui, ensure_demo_helper(kiosk, HELPER_PIN), on_screen)
    _shoot_assisted_filing(ui, kiosk, on_screen)
    tap(window, find_item(window, "homeButton"))
    _until(lambda: bool(find_items(window, "myFilingsButton")))
    tap(window, find_item(window, "myFilingsButton"))
    _until(lambda: bool(find_items(window, "helperFilingState")))
    wait_for_page(window)
    on_screen("helper-filings")
    helper.lockNow()
    on_screen("helper-locked")
    helper.signOut()
    _until(lambda: bool(find_items(window, "staffButton")))
    settle(200)
    return shots
