"""Base of the staff screens with a PIN pad (technician, village helper): the digits typed on the pad.

The typed digits live here, never in QML (which sees only how many there are), and are forgotten as soon as
they are taken for checking, and whenever the screen closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.services.runtime import KioskRuntime
from kiosk.ui.operations import Operations
from kiosk.ui.screen_model import ScreenModel, notice_properties

MAX_DIGITS = 12  # kiosk.domain.staff_pin.MAX_PIN_LENGTH, without importing hashlib to show home


def pad_properties(changed: Signal) -> tuple[Property, Property, Property, Property]:
    """`stage`, `dots`, `busy` and `message` for a subclass, notified by the subclass's own `changed`."""
    busy, message = notice_properties(changed)
    return (
        Property(str, lambda self: self._stage, notify=changed, doc='The screen shown ("" when none).'),
        Property(
            int,
            lambda self: len(self._digits),
            notify=changed,
            doc="How many digits are typed (never which).",
        ),
        busy,
        message,
    )


class PinPadModel(ScreenModel):
    """The screen shown and the digits typed on its pad. A subclass declares `changed = Signal()` and
    `stage, dots, busy, message = pad_properties(changed)`."""

    def __init__(
        self,
        kiosk: KioskRuntime,
        operations: Operations,
        *,
        language: Callable[[], str],
        where: str,
        parent: QObject,
    ) -> None:
        super().__init__(kiosk, operations, language=language, where=where, parent=parent)
        self._stage = ""  # the screen shown: "" (none), or the subclass's names
        self._digits: list[str] = []

    def _pad_open(self) -> bool:
        """True while digits may be typed (subclasses say when)."""
        return not self._busy

    def _take_digits(self) -> str:
        """The digits typed, forgotten here."""
        pin, self._digits = "".join(self._digits), []
        return pin

    @Slot(str)
    def press(self, digit: str) -> None:
        """One digit key."""
        if self._pad_open() and digit in "0123456789" and len(digit) == 1 and len(self._digits) < MAX_DIGITS:
            self._digits.append(digit)
            self.changed.emit()

    @Slot()
    def erase(self) -> None:
        """The erase key: the last digit goes."""
        if self._digits:
            self._digits.pop()
            self.changed.emit()

    @property
    def shown(self) -> bool:
        """True while a staff screen covers the citizen's (the idle wipe must close it)."""
        return bool(self._stage)
