"""Start marks of a Qt Quick app, printed as one JSON line once its window is interactive."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot
from PySide6.QtQuick import QQuickItem, QQuickWindow

MARKS_PREFIX = "bench-start-marks "


def mark() -> float:
    """Seconds on CLOCK_MONOTONIC, one clock for every process of the machine (the spawner reads it too)."""
    return time.monotonic()


def shows_item(window: QQuickWindow, name: str) -> bool:
    """True when a visible item with this objectName is in the window's visual tree."""
    pending: list[QQuickItem] = [window.contentItem()]
    while pending:
        item = pending.pop()
        if item.objectName() == name and item.isVisible():
            return True
        pending.extend(item.childItems())
    return False


class InteractiveWatch(QObject):
    """Marks the first frame that shows `item_name`, then the next turn of the event loop; prints and quits.

    The second mark is the honest "interactive" point: a touch queued at that moment would be handled.
    With ``then``, the watch goes on until ``then[1]()`` is true and marks that moment as ``then[0]``.
    """

    def __init__(
        self,
        window: QQuickWindow,
        *,
        item_name: str,
        marks: dict[str, float],
        then: tuple[str, Callable[[], bool]] | None = None,
    ) -> None:
        super().__init__()
        self._window = window
        self._item_name = item_name
        self._marks = marks
        self._then = then
        window.frameSwapped.connect(self._on_frame)  # queued to this thread if a render thread swaps

    @Slot()
    def _on_frame(self) -> None:
        if "first_frame" in self._marks or not shows_item(self._window, self._item_name):
            return
        self._marks["first_frame"] = mark()
        QTimer.singleShot(0, self._on_event_loop_free)

    def _on_event_loop_free(self) -> None:
        self._marks["interactive"] = mark()
        self._finish()

    def _finish(self) -> None:
        if self._then is not None:
            name, happened = self._then
            if not happened():
                QTimer.singleShot(5, self._finish)
                return
            self._marks[name] = mark()
        print(MARKS_PREFIX + json.dumps(self._marks), flush=True)
        QCoreApplication.quit()
