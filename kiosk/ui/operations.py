"""The one operation helper: runs use cases off the GUI thread, one at a time, and reports back on it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries a result from the worker thread to the GUI thread (queued signal)."""

    finished = Signal(object, object)  # (result, exception)


class _Task:
    """One use case for the worker and the relay that carries its outcome back."""

    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # every failure goes back to the GUI thread, which decides what to show
            self._relay.finished.emit(None, exc)
        else:
            self._relay.finished.emit(result, None)


class Operations(QObject):
    """Serialises every database-touching use case on one worker thread."""

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._running = 0
        self._relays: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], Any],
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        background: bool = False,
    ) -> None:
        """Run `work` on the worker; then call on_done(result) or on_error(exc) on the GUI thread.

        Background work (status polls, searches) does not make the UI `busy`.
        """
        relay = _Relay()
        self._relays.add(relay)
        busy_delta = 0 if background else 1

        @Slot(object, object)
        def _finish(result: Any, exc: Exception | None) -> None:
            self._relays.discard(relay)
            relay.deleteLater()  # its connection holds _finish, which holds it: a cycle gc cannot see
            self._set_running(-busy_delta)
            if exc is None:
                on_done(result)
            else:
                on_error(exc)

        relay.finished.connect(_finish)
        self._set_running(busy_delta)
        # A callable, not a QRunnable: PySide keeps a QRunnable that ends before start() returns for good.
        self._pool.start(_Task(work, relay).run)

    def wait(self) -> None:
        """Block until every queued operation has run (shutdown and tests)."""
        self._pool.waitForDone()

    def _set_running(self, delta: int) -> None:
        before = self._running
        self._running += delta
        if (before == 0) != (self._running == 0):
            self.busyChanged.emit(self._running > 0)
