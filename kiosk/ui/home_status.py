"""What the home screen shows besides its tiles: the clock and the quiet offline/queue line."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QObject, QTimer, Signal

from kiosk.services.runtime import KioskRuntime
from kiosk.ui.clock import clock_text
from kiosk.ui.operations import Operations
from kiosk.ui.session_helper import SessionHelper

if TYPE_CHECKING:
    from kiosk.services.service_notice import ServiceNotice

log = logging.getLogger(__name__)

NOTICE_POLL_MS = 30_000
CLOCK_TICK_MS = 1_000


class HomeStatus(SessionHelper):
    """Clock text (changes each minute) and the service notice (polled off the GUI thread every 30 s)."""

    clockChanged = Signal()
    noticeChanged = Signal()

    def __init__(
        self, kiosk: KioskRuntime, operations: Operations, *, language: Callable[[], str], parent: QObject
    ) -> None:
        super().__init__(kiosk, operations, language=language, parent=parent)
        self._clock = ""
        self._notice: ServiceNotice | None = None
        self._polling = False
        self._clock_timer = QTimer(self)
        self._clock_timer.timeout.connect(self.refresh_clock)
        self._clock_timer.start(CLOCK_TICK_MS)
        self._poll_timer = QTimer(self)
        self._poll_timer.timeout.connect(self.poll_notice)
        self._poll_timer.start(NOTICE_POLL_MS)
        self.refresh_clock()
        if kiosk.is_open():  # else the first poll waits for the store (see kiosk.ui.deferred_start)
            self.poll_notice()

    def refresh_clock(self) -> None:
        """Recompute the clock text; QML hears only when the minute (or the language) changed."""
        text = clock_text(datetime.now(), self._language())
        if text != self._clock:
            self._clock = text
            self.clockChanged.emit()

    def language_changed(self) -> None:
        """Show the clock and the notice in the new language."""
        self.refresh_clock()
        self.noticeChanged.emit()

    def poll_notice(self) -> None:
        """Ask kiosk.services for the offline/queue state, on the operations worker."""
        if self._polling:
            return
        from kiosk.services.service_notice import service_notice

        self._polling = True
        kiosk = self._kiosk
        self._ops.run(
            lambda: service_notice(kiosk),
            on_done=self._on_notice,
            on_error=self._on_poll_failed,
            background=True,
        )

    def _on_notice(self, notice: ServiceNotice) -> None:
        self._polling = False
        if notice != self._notice:
            self._notice = notice
            self.noticeChanged.emit()

    def _on_poll_failed(self, exc: Exception) -> None:
        self._polling = False
        log.error("service notice poll failed: %s", exc)

    @Property(str, notify=clockChanged)
    def clockText(self) -> str:
        """Date, weekday and time of day."""
        return self._clock

    @Property(str, notify=noticeChanged)
    def notice(self) -> str:
        """ "离线办理中 · 3 件办件、1 次求助待上传" or empty when online with nothing waiting."""
        line = self._notice.line if self._notice is not None else None
        return self._t(line) if line is not None else ""
