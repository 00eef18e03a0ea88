"""The technician's way out on the touch screen: the PIN pad and the small menu (Main.qml's `technician`).

Every decision (PIN right, wrong, locked, not set) comes from kiosk.services.technician, run off the GUI
thread; the digits and the running of use cases are kiosk.ui.pin_pad_model's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk.domain.catalog import Text
from kiosk.services.runtime import KioskRuntime
from kiosk.ui.operations import Operations
from kiosk.ui.pin_pad_model import PinPadModel, pad_properties

if TYPE_CHECKING:
    from kiosk.services.printer import PrinterBackend
    from kiosk.services.technician import PinCheck

log = logging.getLogger(__name__)

CHECKING = Text(zh="正在核对…", en="Checking…")
PRINTING = Text(zh="正在打印测试页…", en="Printing the test page…")


class TechnicianModel(PinPadModel):
    """Which technician screen shows (none, PIN, menu), the dots typed, and what the services answered."""

    changed = Signal()
    stage, dots, busy, message = pad_properties(changed)

    def __init__(
        self,
        kiosk: KioskRuntime,
        operations: Operations,
        *,
        language: Callable[[], str],
        printer: PrinterBackend,
        quit_app: Callable[[], None] = QCoreApplication.quit,
        parent: QObject,
    ) -> None:
        super().__init__(kiosk, operations, language=language, where="the technician screen", parent=parent)
        self._printer = printer
        self._quit_app = quit_app
        self._can_type = True

    # -- PIN ------------------------------------------------------------------------------------------
    @Slot()
    def open(self) -> None:
        """The hidden gesture was made: show the PIN pad (and say at once if no PIN is set or it is locked)."""
        if self._stage:
            return
        from kiosk.services.technician import before_pin_entry

        self._visit += 1
        self._stage, self._digits, self._notice, self._can_type = "pin", [], None, True
        self.changed.emit()
        kiosk, visit = self._kiosk, self._visit
        self._ops.run(
            lambda: before_pin_entry(kiosk),
            on_done=lambda check: self._on_gate(visit, check),
            on_error=self._bug,
            background=True,  # a glance at the store: the pad works meanwhile
        )

    def _on_gate(self, visit: int, check: PinCheck | None) -> None:
        if visit == self._visit and check is not None:
            self._answer(check)

    def _pad_open(self) -> bool:
        return self._stage == "pin" and self._can_type and not self._busy

    @Slot()
    def submit(self) -> None:
        """The OK key: check the digits typed (they are forgotten here, whatever the answer)."""
        if self._stage != "pin" or not self._digits or self._busy:
            return
        from kiosk.services.technician import check_technician_pin

        pin, kiosk, visit = self._take_digits(), self._kiosk, self._visit
        self._run(
            lambda: check_technician_pin(kiosk, pin), lambda check: self._on_checked(visit, check), CHECKING
        )

    def _on_checked(self, visit: int, check: PinCheck) -> None:
        if visit != self._visit:
            return  # the screen was closed (idle wipe) while the PIN was checked
        if check.ok:
            self._stage, self._notice = "menu", None
            self.changed.emit()
        else:
            self._answer(check)

    def _answer(self, check: PinCheck) -> None:
        self._notice, self._can_type = check.message, check.outcome != "not_set"
        self.changed.emit()

    # -- menu -----------------------------------------------------------------------------------------
    @Slot()
    def exitKiosk(self) -> None:
        """退出终端: audit, then quit the program (also when the audit cannot be written: the exit must work)."""
        if self._stage != "menu" or self._busy:
            return
        from kiosk.services.technician import record_technician_exit

        kiosk = self._kiosk
        self._run(
            lambda: record_technician_exit(kiosk),
            lambda _none: self._quit(),
            None,
            on_error=self._quit_anyway,
        )

    def _quit_anyway(self, exc: Exception) -> None:
        log.error("the technician exit could not be audited; quitting anyway", exc_info=exc)
        self._quit()

    def _quit(self) -> None:
        self.dismiss()
        self._quit_app()

    @Slot()
    def printTestPage(self) -> None:
        """Print the printer test page now and show how it went."""
        if self._stage != "menu" or self._busy:
            return
        from kiosk.services.technician import print_technician_test_page

        kiosk, printer, visit = self._kiosk, self._printer, self._visit
        self._run(
            lambda: print_technician_test_page(kiosk, printer),
            lambda text: self._on_printed(visit, text),
            PRINTING,
        )

    def _on_printed(self, visit: int, text: Text) -> None:
        if visit == self._visit:
            self._notice = text
            self.changed.emit()

    @Slot()
    def dismiss(self) -> None:
        """Back to the citizen screen (the Back button, the idle wipe): nothing typed is kept."""
        self._visit += 1
        self._stage, self._digits, self._notice, self._can_type = "", [], None, True
        self.changed.emit()

    # -- what QML shows -------------------------------------------------------------------------------
    @Property(bool, notify=changed)
    def padShown(self) -> bool:
        """True on the PIN screen, unless typing is pointless (no PIN is set yet)."""
        return self._stage == "pin" and self._can_type
