"""Base of the staff screens with a PIN pad (technician, village helper): the digits typed, the services'
answers, and use cases run off the GUI thread with a "checking…" notice meanwhile.

The typed digits live here, never in QML (which sees only how many there are), and are forgotten as soon as
they are taken for checking, and whenever the screen closes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.catalog import Text
from kiosk.domain.errors import KioskError
from kiosk.services.runtime import KioskRuntime
from kiosk.ui.crash import report_bug
from kiosk.ui.operations import Operations
from kiosk.ui.session_helper import SessionHelper

log = logging.getLogger(__name__)

MAX_DIGITS = 12  # kiosk.domain.staff_pin.MAX_PIN_LENGTH, without importing hashlib to show home


def pad_properties(changed: Signal) -> tuple[Property, Property, Property, Property]:
    """`stage`, `dots`, `busy` and `message` for a subclass, notified by the subclass's own `changed` (a Property
    notified by a base class's signal is not bindable in QML)."""
    return (
        Property(str, lambda self: self._stage, notify=changed, doc='The screen shown ("" when none).'),
        Property(
            int,
            lambda self: len(self._digits),
            notify=changed,
            doc="How many digits are typed (never which).",
        ),
        Property(
            bool, lambda self: self._busy, notify=changed, doc="True while a use case of this screen runs."
        ),
        Property(
            str,
            lambda self: self._t(self._notice) if self._notice is not None else "",
            notify=changed,
            doc='The services\' answer, in the current language ("" when there is none).',
        ),
    )


class PinPadModel(SessionHelper):
    """The digits typed on the pad, the notice shown, whether a use case runs. A subclass declares
    `changed = Signal()` and `stage, dots, busy, message = pad_properties(changed)`."""

    changed: Signal

    def __init__(
        self,
        kiosk: KioskRuntime,
        operations: Operations,
        *,
        language: Callable[[], str],
        where: str,
        parent: QObject,
    ) -> None:
        super().__init__(kiosk, operations, language=language, parent=parent)
        self._where = where  # named in bug reports
        self._stage = ""  # the screen shown: "" (none), or the subclass's names
        self._digits: list[str] = []
        self._notice: Text | None = None
        self._busy = False
        self._visit = 0  # a new number each time the screen opens or closes: late answers are dropped

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

    def language_changed(self) -> None:
        """Show the messages in the new language."""
        self.changed.emit()

    def _run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        meanwhile: Text | None,
        *,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run a use case on the worker: `meanwhile` shows, then `on_done(result)`; a KioskError is shown."""
        self._busy = True
        if meanwhile is not None:
            self._notice = meanwhile
        self.changed.emit()

        def done(result: Any) -> None:
            self._busy = False
            on_done(result)
            self.changed.emit()

        def failed(exc: Exception) -> None:
            self._busy = False
            self.changed.emit()
            if on_error is not None:
                on_error(exc)
            elif isinstance(exc, KioskError):
                self._notice = Text(zh=exc.zh, en=exc.en)
                self.changed.emit()
            else:
                self._bug(exc)

        self._ops.run(work, on_done=done, on_error=failed)

    def _bug(self, exc: Exception) -> None:
        report_bug(exc, where=self._where)
