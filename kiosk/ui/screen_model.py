"""Base of the small screen models (staff screens, the consent): the services' answer shown, whether a use
case runs, and use cases run off the GUI thread with a notice meanwhile."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal

from kiosk.domain.catalog import Text
from kiosk.domain.errors import KioskError
from kiosk.services.runtime import KioskRuntime
from kiosk.ui.crash import report_bug
from kiosk.ui.operations import Operations
from kiosk.ui.session_helper import SessionHelper

log = logging.getLogger(__name__)


def notice_properties(changed: Signal) -> tuple[Property, Property]:
    """`busy` and `message` for a subclass, notified by the subclass's own `changed` (a Property notified by a
    base class's signal is not bindable in QML)."""
    return (
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


class ScreenModel(SessionHelper):
    """The notice shown and whether a use case runs. A subclass declares `changed = Signal()` and
    `busy, message = notice_properties(changed)`."""

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
        self._notice: Text | None = None
        self._busy = False
        self._visit = 0  # a new number each time the screen opens or closes: late answers are dropped

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
