"""Calls posted to the GUI thread from any thread, always run later from its event loop.

This is a queued connection made without Qt's ``Qt`` namespace: PySide6 builds all of that namespace's
enums (about a hundred) the first time a module touches it, which cost 24 ms on the way to the home screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot


class GuiThreadCalls(QObject):
    """Runs posted callables on the thread this object lives in (the GUI thread), never inside the caller."""

    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posted.connect(self._run)  # emitted on another thread, so Qt queues it (AutoConnection)

    def post(self, call: Callable[[], None]) -> None:
        """Run ``call`` soon on this object's thread; dropped if the object is gone by then."""
        if QThread.currentThread() is self.thread():
            QTimer.singleShot(0, self, call)
        else:
            self._posted.emit(call)

    @Slot(object)
    def _run(self, call: Callable[[], None]) -> None:
        call()
