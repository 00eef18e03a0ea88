"""求助 (help): records a call for help through kiosk.services and shows the calm answer (what happens next)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.catalog import Text
from kiosk.domain.errors import KioskError
from kiosk.services.runtime import KioskRuntime
from kiosk.ui.operations import Operations
from kiosk.ui.session_helper import SessionHelper

if TYPE_CHECKING:
    from kiosk.services.help_request import HelpRequestReceipt

log = logging.getLogger(__name__)

HELP_FAILED = Text(
    zh="呼叫暂时没有发出。请稍后再试，或到服务窗口求助。",
    en="The call for help did not go out. Please try again, or ask at the service window.",
)


class HelpCall(SessionHelper):
    """The state of the citizen's call for help: pending, and the answer to show."""

    changed = Signal()

    def __init__(
        self, kiosk: KioskRuntime, operations: Operations, *, language: Callable[[], str], parent: QObject
    ) -> None:
        super().__init__(kiosk, operations, language=language, parent=parent)
        self._pending = False
        self._answer: Text | None = None

    @Slot(str)
    def request(self, screen: str) -> None:
        """Call for help from `screen` (the page the citizen is on)."""
        if self._pending:
            return
        from kiosk.services.help_request import request_help

        kiosk = self._kiosk
        self._pending = True
        self.changed.emit()
        self._ops.run(
            lambda: request_help(kiosk, screen=screen), on_done=self._on_done, on_error=self._on_error
        )

    def _on_done(self, receipt: HelpRequestReceipt) -> None:
        self._pending = False
        self._show(receipt.what_next)

    def _on_error(self, exc: Exception) -> None:
        self._pending = False
        if isinstance(exc, KioskError):
            self._show(Text(zh=exc.zh, en=exc.en))
        else:
            log.error("help request failed", exc_info=exc)
            self._show(HELP_FAILED)

    def _show(self, text: Text) -> None:
        self._answer = text
        self.changed.emit()

    @Slot()
    def dismiss(self) -> None:
        """Close the answer (the citizen tapped OK, or the session ended)."""
        self._answer = None
        self.changed.emit()

    @Property(bool, notify=changed)
    def pending(self) -> bool:
        """True while the call is being recorded."""
        return self._pending

    @Property(str, notify=changed)
    def answer(self) -> str:
        """What happens next, in the current language; empty when nothing to show."""
        return self._t(self._answer) if self._answer is not None else ""

    def language_changed(self) -> None:
        """Show the answer in the new language."""
        self.changed.emit()
