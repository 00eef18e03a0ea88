"""The kiosk's start in two stages: home shows while the store opens on a background thread; then sync,
print recovery, the search index, and from then on every quarter of an hour the deletion of unfiled photos.

None of that is needed to draw home. The store's imports (SQLAlchemy, the ORM models, cryptography, the use
cases) and its opening cost about three times what the home screen itself does.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtQuick import QQuickWindow

from kiosk.services.runtime import KioskRuntime
from kiosk.ui.gui_thread import GuiThreadCalls

if TYPE_CHECKING:
    from kiosk.ui.app import KioskUi

log = logging.getLogger(__name__)

PHOTO_PURGE_INTERVAL_MS = 15 * 60 * 1000
USE_CASE_MODULES = (
    "kiosk.services.catalog_search",
    "kiosk.services.service_notice",
    "kiosk.services.help_request",
    "kiosk.services.form_check",
    "kiosk.services.filing",
    "kiosk.services.print_queue",
    "kiosk.services.lookup",
    "kiosk.services.rating",
    "kiosk.services.attachments",
    "kiosk.services.technician",
    "kiosk.services.receipts",
    "kiosk.services.sync_round",
)
"""What the screens and the deferred start call, imported by the store's opener so no tap waits for it."""


def import_use_cases() -> None:
    """Import every use case the UI calls (on the opener thread, after the store has opened)."""
    for name in USE_CASE_MODULES:
        importlib.import_module(name)


class _Stoppable(Protocol):
    """What the kiosk keeps of background sync: a way to stop it."""

    def shutdown(self) -> None:
        """Stop, waiting for a request in progress."""


def after_first_frame(window: QQuickWindow, work: Callable[[], None]) -> None:
    """Call ``work`` once, on the GUI thread, after the window has shown its first frame."""

    def on_frame() -> None:
        QTimer.singleShot(0, work)  # after the frame is out, not inside the render's signal

    # One shot, cut at the first emission: with the threaded render loop frameSwapped comes from the render
    # thread, so a disconnect in the slot would run after later frames were already queued (and warn).
    window.frameSwapped.connect(on_frame, Qt.ConnectionType.SingleShotConnection)


class StoreOpening(QObject):
    """Brings the news that the store has opened (or could not) from the opener thread to the GUI thread."""

    opened = Signal()
    failed = Signal(object)  # the exception that stopped the store from opening

    def __init__(self, kiosk: KioskRuntime, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gui = GuiThreadCalls(self)
        # Posted always: the news may come on the opener thread, or at once when the store is already open.
        kiosk.when_opened(lambda problem: gui.post(lambda: self._on_arrived(problem)))

    def _on_arrived(self, problem: BaseException | None) -> None:
        if problem is None:
            self.opened.emit()
        else:
            self.failed.emit(problem)


class DeferredStart:
    """Starts sync and print recovery, and warms the search index, once home is on screen and the store open."""

    def __init__(self, kiosk: KioskRuntime, ui: KioskUi) -> None:
        """Nothing runs until ``run`` (see ``when_ready``)."""
        self._kiosk = kiosk
        self._ui = ui
        self.background_sync: _Stoppable | None = None
        self.index_builder: threading.Thread | None = None
        self._photo_purge = QTimer(ui.window)
        self._photo_purge.setInterval(PHOTO_PURGE_INTERVAL_MS)
        self._photo_purge.timeout.connect(self.purge_photos)
        self._waiting_for = {"first frame", "store"}

    def when_ready(self, opening: StoreOpening) -> None:
        """Run once the window has shown its first frame and the store has opened, whichever comes last."""
        after_first_frame(self._ui.window, lambda: self._arrived("first frame"))
        opening.opened.connect(lambda: self._arrived("store"))

    def _arrived(self, what: str) -> None:
        self._waiting_for.discard(what)
        if not self._waiting_for:
            self.run()

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
        """Run the retention rules in the background: photos citizens took but never filed (after an hour),
        personal data the county acknowledged `pii_retention_days` ago (kiosk.services.retention)."""
        from kiosk.services.retention import purge_expired

        kiosk = self._kiosk
        self._ui.operations.run(
            lambda: purge_expired(kiosk),
            on_done=lambda _report: None,
            on_error=lambda exc: log.error("retention run failed (unfiled photos, expired data): %s", exc),
            background=True,
        )

    def shutdown(self) -> None:
        """Stop background sync, waiting for a request in progress (bounded by its timeouts)."""
        self._photo_purge.stop()
        if self.background_sync is not None:
            self.background_sync.shutdown()
