"""Screens outside the citizen path, for the screenshots: 求助 reasons, technician PIN pad and menu, crash notice."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.services.runtime import KioskRuntime
from kiosk.services.technician import has_technician_pin, set_technician_pin
from kiosk.ui.crash import report_bug
from kiosk.ui.probe import find_items, grab, settle, wait_for_page, wait_until

if TYPE_CHECKING:
    from kiosk.ui.app import KioskUi

SCREENSHOT_PIN = "739184"
WRONG_PIN = "111"


def shoot_overlays(ui: KioskUi, kiosk: KioskRuntime, *, out_dir: Path, prefix: str) -> list[Path]:
    """求助's reasons, the PIN pad after a wrong PIN with two digits typed, the menu, the crash notice; ends on home."""
    assert ui.citizen is not None and ui.crash is not None
    technician, crash, window = ui.citizen.technician, ui.crash, ui.window
    shots: list[Path] = []

    def on_screen(name: str) -> None:
        shots.append(grab(window, out_dir / f"{prefix}-{name}.png"))

    ui.citizen.help.request("homePage")  # the reasons only: nothing is sent before one is chosen
    settle(150)
    on_screen("help-reasons")
    ui.citizen.help.cancel()

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
