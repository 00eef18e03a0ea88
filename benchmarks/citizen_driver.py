"""Drives the real kiosk QML fast: taps once a frame shows the target, waits on conditions only.

kiosk.ui.probe waits fixed times around each tap (right for tests and screenshots, too slow for a thousand
sessions). Here every wait is for something to happen: a page on top of the stack, an item shown, a
frame swapped, a print job settled. The page transitions of the StackView (400 ms slides) are switched off
on the live object: they create no lasting objects, and a thousand sessions would otherwise spend most
of their time watching slides.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    Q_ARG,
    QCoreApplication,
    QDeadlineTimer,
    QEvent,
    QEventLoop,
    QMetaObject,
    QPointF,
    Qt,
    QTimer,
)
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.ui.probe import find_item, scroll_into_view

WAIT_TIMEOUT_MS = 15_000
WAKE_MS = 10  # the longest a wait sleeps without an event
LIST_CONTAIN = 4  # ListView.Contain: scroll just enough to show the whole delegate
STACK_TRANSITIONS = ("pushEnter", "pushExit", "popEnter", "popExit", "replaceEnter", "replaceExit")


def flush_events() -> None:
    """Process what is pending, deferred deletes included (as app.exec() would run them); never blocks."""
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def items_under(root: QQuickItem) -> list[QQuickItem]:
    """`root` and every item below it in the visual tree."""
    found, pending = [], [root]
    while pending:
        item = pending.pop()
        found.append(item)
        pending.extend(item.childItems())
    return found


class CitizenDriver:
    """Taps and waits in the kiosk window as a quick citizen would, with no fixed pauses."""

    def __init__(self, window: QQuickWindow) -> None:
        self.window = window
        self.stack = find_item(window, "stack")
        self.frames = 0
        self._changed = True  # the screen changed (tap, keystrokes, scroll) since the last frame awaited
        window.frameSwapped.connect(self._count_frame)
        self._wake = QTimer()  # keeps WaitForMoreEvents from sleeping past a condition
        self._wake.start(WAKE_MS)
        self._run_qml(self.stack, "; ".join(f"{name} = null" for name in STACK_TRANSITIONS))

    def _count_frame(self) -> None:
        self.frames += 1

    @staticmethod
    def _run_qml(target: QQuickItem, script: str) -> None:
        """Evaluate a line of QML JavaScript in the target's own context."""
        expression = QQmlExpression(QQmlEngine.contextForObject(target), target, script)
        expression.evaluate()
        if expression.hasError():
            raise RuntimeError(expression.error().toString())

    def close(self) -> None:
        """Stop the wake-up timer."""
        self._wake.stop()

    def wait_until(self, condition: Callable[[], bool], what: str) -> None:
        """Run the event loop until `condition()` holds; TimeoutError naming `what` after 15 s."""
        deadline = QDeadlineTimer(WAIT_TIMEOUT_MS)
        while not condition():
            if deadline.hasExpired():
                raise TimeoutError(f"waited in vain for {what} (page {self.page()!r})")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)  # ≤ WAKE_MS
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def next_frame(self) -> None:
        """Wait until a frame rendered after this call has been swapped (layouts are then polished)."""
        seen = self.frames
        self.window.update()
        self.wait_until(lambda: self.frames > seen, "a frame")
        self._changed = False

    def page(self) -> str:
        """objectName of the page on top of the stack."""
        current = self.stack.property("currentItem")
        return current.objectName() if isinstance(current, QQuickItem) else ""

    def wait_page(self, name: str) -> None:
        """Wait until `name` is on top of the stack, idle, and shown in a frame."""
        self.wait_until(lambda: self.page() == name and not self.stack.property("busy"), f"page {name}")
        self.next_frame()

    def shown(self, name: str) -> QQuickItem | None:
        """The visible item called `name` on the current page or in the window's bars, if any."""
        roots = [self.stack.property("currentItem"), self.window.contentItem()]
        for root in roots:
            if isinstance(root, QQuickItem):
                for item in items_under(root):
                    if item.objectName() == name and item.isVisible():
                        return item
        return None

    def wait_shown(self, name: str) -> QQuickItem:
        """The visible item called `name`, once there is one."""
        self.wait_until(lambda: self.shown(name) is not None, f"item {name}")
        item = self.shown(name)
        assert item is not None
        return item

    def tap(self, name: str) -> None:
        """Tap the centre of the visible item `name` once it is shown (scrolled into view first)."""
        item = self.wait_shown(name)
        scroll_into_view(item)
        if self._changed:  # else the last frame awaited shows the item where it is
            self.next_frame()
        centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
        QTest.mouseClick(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
        self._changed = True

    def tap_in_list(self, list_name: str, index: int, name: str) -> None:
        """Scroll the ListView `list_name` to its row `index` (a swipe), then tap the row's item `name`."""
        view = self.wait_shown(list_name)
        QMetaObject.invokeMethod(view, "positionViewAtIndex", Q_ARG(int, index), Q_ARG(int, LIST_CONTAIN))
        self._changed = True
        self.tap(name)

    def type_text(self, name: str, text: str) -> None:
        """Put `text` in the text field `name` one character more at a time, as keystrokes would."""
        field = self.wait_shown(name)
        for end in range(1, len(text) + 1):
            field.setProperty("text", text[:end])
            QCoreApplication.processEvents()  # one turn of the loop per keystroke, without waiting
        self._changed = True
