"""Find, tap and photograph QML items: shared by the UI tests and the screenshot tool."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QPointF, Qt
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest


def _walk(item: QQuickItem) -> Iterator[QQuickItem]:
    yield item
    for child in item.childItems():
        yield from _walk(child)


def find_items(root: QObject, name: str) -> list[QQuickItem]:
    """Every visible item with this objectName, in the visual tree under `root`."""
    top = root.contentItem() if isinstance(root, QQuickWindow) else root
    assert isinstance(top, QQuickItem)
    return [item for item in _walk(top) if item.objectName() == name and item.isVisible()]


def find_item(root: QObject, name: str) -> QQuickItem:
    """The visible item with this objectName (the first one found); raises LookupError when absent."""
    found = find_items(root, name)
    if not found:
        raise LookupError(f"no visible QML item named {name!r}")
    return found[0]


def tap(window: QQuickWindow, item: QQuickItem) -> None:
    """Tap the centre of an item, as a finger would."""
    settle(400)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    button, no_modifier = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mouseMove(window, centre)
    QTest.mousePress(window, button, no_modifier, centre)
    QTest.mouseRelease(window, button, no_modifier, centre, 80)


def settle(ms: int = 50) -> None:
    """Let queued events, animations and bindings run for a moment."""
    deadline = QDeadlineTimer(ms)
    while not deadline.hasExpired():
        QCoreApplication.processEvents()
        QTest.qWait(5)


def wait_until(condition: Callable[[], bool], *, timeout_ms: int = 5000) -> None:
    """Process events until `condition()` holds; raises TimeoutError after `timeout_ms`."""
    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            raise TimeoutError("the UI did not reach the expected state in time")
        QCoreApplication.processEvents()
        QTest.qWait(10)


def wait_for_page(window: QQuickWindow) -> None:
    """Wait until the page stack has finished its transition, then let bindings settle."""
    stack = find_item(window, "stack")
    settle(30)
    wait_until(lambda: not stack.property("busy"))
    settle(50)


def grab(window: QQuickWindow, path: Path) -> Path:
    """Save what the window shows as a PNG."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grabWindow().save(str(path)):
        raise OSError(f"cannot write {path}")
    return path
