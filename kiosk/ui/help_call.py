"""求助 (help): asks what the citizen needs help with, records the call through kiosk.services, shows the answer."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.catalog import Text
from kiosk.domain.errors import KioskError
from kiosk.domain.help_request import HELP_REASONS
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
    """The state of the citizen's call for help: choosing a reason, pending, and the answer to show."""

    changed = Signal()

    def __init__(
        self, kiosk: KioskRuntime, operations: Operations, *, language: Callable[[], str], parent: QObject
    ) -> None:
        super().__init__(kiosk, operations, language=language, parent=parent)
        self._choosing = False
        self._screen = ""
        self._pending = False
        self._answer: Text | None = None

    @Slot(str)
    def request(self, screen: str) -> None:
        """The citizen tapped 求助 on `screen` (the page they are on): offer the reasons; nothing is sent yet."""
        if self._pending or self._choosing:
            return
        self._screen = screen
        self._answer = None
        self._choosing = True
        self.changed.emit()

    @Slot(str)
    def choose(self, reason: str) -> None:
        """The citizen picked a reason: record the call for help with it (an unknown code is ignored)."""
        if not self._choosing or all(known.code != reason for known in HELP_REASONS):
            return
        from kiosk.services.help_request import request_help

        kiosk, screen = self._kiosk, self._screen
        self._choosing = False
        self._pending = True
        self.changed.emit()
        self._ops.run(
            lambda: request_help(kiosk, screen=screen, reason=reason),
            on_done=self._on_done,
            on_error=self._on_error,
        )

    @Slot()
    def cancel(self) -> None:
        """The citizen closed the reasons without choosing: nothing is recorded."""
        if self._choosing:
            self._choosing = False
            self.changed.emit()

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
        """Close the reasons or the answer (the citizen tapped OK, or the session ended)."""
        self._choosing = False
        self._answer = None
        self.changed.emit()

    @Property(bool, notify=changed)
    def choosing(self) -> bool:
        """True while the reasons are offered."""
        return self._choosing

    @Property(list, notify=changed)
    def reasons(self) -> list[dict[str, Any]]:
        """The reasons a citizen can pick, in the current language: code and label."""
        return [{"code": reason.code, "label": self._t(reason.label)} for reason in HELP_REASONS]

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
