"""Work the kiosk does right after its home screen first shows, not before: sync, print recovery, search index,
and from then on every quarter of an hour the deletion of photos no filing took.

None of it is needed to draw home, and together it costs about half a second of imports and queries.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QTimer
from PySide6.QtQuick import QQuickWindow

from kiosk.services.runtime import KioskRuntime

if TYPE_CHECKING:
    from kiosk.ui.app import KioskUi

log = logging.getLogger(__name__)

PHOTO_PURGE_INTERVAL_MS = 15 * 60 * 1000


class _Stoppable(Protocol):
    """What the kiosk keeps of background sync: a way to stop it."""

    def shutdown(self) -> None:
        """Stop, waiting for a request in progress."""


def after_first_frame(window: QQuickWindow, work: Callable[[], None]) -> None:
    """Call ``work`` once, on the GUI thread, after the window has shown its first frame."""

    def on_frame() -> None:
        window.frameSwapped.disconnect(on_frame)
        QTimer.singleShot(0, work)  # after the frame is out, not inside the render's signal

    window.frameSwapped.connect(on_frame)


class DeferredStart:
    """Starts sync and print recovery, and warms the search index, once home is on screen."""

    def __init__(self, kiosk: KioskRuntime, ui: KioskUi) -> None:
        """Nothing runs until ``run`` (see ``after_first_frame``)."""
        self._kiosk = kiosk
        self._ui = ui
        self.background_sync: _Stoppable | None = None
        self.index_builder: threading.Thread | None = None
        self._photo_purge = QTimer(ui.window)
        self._photo_purge.setInterval(PHOTO_PURGE_INTERVAL_MS)
        self._photo_purge.timeout.connect(self.purge_photos)

    def run(self) -> None:
        """Recover interrupted receipts, start background sync (when enrolled), build the search index."""
        from kiosk.services.print_queue import recover_interrupted_print_jobs
        from kiosk.services.sync_round import start_background_sync

        recover_interrupted_print_jobs(self._kiosk)  # a receipt cut off by a crash or power cut prints again
        try:
            self.background_sync = start_background_sync(self._kiosk)  # None until the kiosk is enrolled
        except Exception:  # the kiosk serves offline even when sync cannot start
            log.exception("background sync could not start; filings stay queued")
        if self._ui.citizen is not None:
            self.index_builder = self._ui.citizen.search.warm()
        self.purge_photos()
        self._photo_purge.start()

    def purge_photos(self) -> None:
        """Delete, in the background, photos that citizens took but never filed (after an hour)."""
        from kiosk.services.attachments import purge_unclaimed_attachments

        kiosk = self._kiosk
        self._ui.operations.run(
            lambda: purge_unclaimed_attachments(kiosk),
            on_done=lambda _count: None,
            on_error=lambda exc: log.error("unfiled photos could not be deleted: %s", exc),
            background=True,
        )

    def shutdown(self) -> None:
        """Stop background sync, waiting for a request in progress (bounded by its timeouts)."""
        self._photo_purge.stop()
        if self.background_sync is not None:
            self.background_sync.shutdown()
