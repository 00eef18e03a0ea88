"""Screens outside the citizen path, for the screenshots: 求助 reasons and answer, the pinyin keyboard, the idle
warning, technician PIN pad and menu, crash notice."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.services.runtime import KioskRuntime
from kiosk.services.technician import has_technician_pin, set_technician_pin
from kiosk.ui.crash import report_bug
from kiosk.ui.probe import (
    find_item,
    find_items,
    grab,
    settle,
    tap,
    type_on_keyboard,
    wait_for_page,
    wait_until,
)

if TYPE_CHECKING:
    from kiosk.ui.app import KioskUi

SCREENSHOT_PIN = "739184"
WRONG_PIN = "111"


def shoot_overlays(ui: KioskUi, kiosk: KioskRuntime, *, out_dir: Path, prefix: str) -> list[Path]:
    """求助's reasons and answer, the keyboard, the idle warning, the PIN pad after a wrong PIN with two digits typed, the menu, the crash notice; ends on home."""
    assert ui.citizen is not None and ui.crash is not None
    technician, crash, window, help_call = ui.citizen.technician, ui.crash, ui.window, ui.citizen.help
    shots: list[Path] = []

    def on_screen(name: str) -> None:
        shots.append(grab(window, out_dir / f"{prefix}-{name}.png"))

    help_call.request("homePage")  # the reasons only: nothing is sent before one is chosen
    settle(150)
    on_screen("help-reasons")
    help_call.choose("printer")  # the live call: the answer says what happens next
    wait_until(lambda: not help_call.property("pending"))
    settle(150)
    on_screen("help-answer")
    help_call.dismiss()
    shoot_keyboard_and_idle_warning(ui, on_screen)

    if not has_technician_pin(kiosk):
        set_technician_pin(kiosk, SCREENSHOT_PIN)

    def enter(pin: str) -> None:
        for digit in pin:
            technician.press(digit)
        technician.submit()
        wait_until(lambda: not technician.property("busy"))

    technician.open()
    enter(WRONG_PIN)
    technician.press("7")
    technician.press("3")
    settle(150)
    on_screen("technician-pin")
    technician.dismiss()
    technician.open()
    enter(SCREENSHOT_PIN)  # a right PIN also starts the count of wrong ones again
    settle(150)
    on_screen("technician-menu")
    technician.dismiss()

    crash.burst_limit = 1_000_000  # one notice per variant is not a burst
    crash_log = logging.getLogger("kiosk.ui.crash")
    crash_log.disabled = True  # the planted bug is no news
    try:
        report_bug(RuntimeError("the screenshot of the crash notice"), where="the screenshots")
        wait_until(lambda: bool(find_items(window, "crashNotice")))
    finally:
        crash_log.disabled = False
    settle(150)
    on_screen("crash-notice")
    crash.dismiss()
    wait_for_page(window)
    return shots


def shoot_keyboard_and_idle_warning(ui: KioskUi, on_screen: Callable[[str], None]) -> None:
    """The catalog's search with pinyin typed and its candidates; then the idle warning over it; ends on home."""
    assert ui.citizen is not None
    window, idle = ui.window, ui.citizen.idle
    tap(window, find_item(window, "fileTile"))
    wait_for_page(window)
    tap(window, find_item(window, "searchField"))
    wait_until(lambda: bool(find_item(window, "inputPanel").property("active")))
    type_on_keyboard(window, "shebao")
    settle(300)
    on_screen("keyboard-pinyin")
    timeout_s = idle.timeout_s
    idle.timeout_s = 0  # the warning now, not after two minutes
    idle.restart()
    wait_until(lambda: bool(idle.property("warning")))
    settle(150)
    on_screen("idle-warning")
    idle.timeout_s = timeout_s
    idle.restart()
    tap(window, find_item(window, "homeButton"))
    wait_for_page(window)
