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


def _cue_band(view: QQuickItem) -> float:
    """The bottom band a view's scroll cue covers while there is more below (ScrollCue.qml); 0 without one."""
    for child in view.childItems():
        if child.objectName() == "scrollCue" and child.property("moreBelow"):
            return float(child.property("bandHeight"))
    return 0.0


def scroll_into_view(item: QQuickItem) -> None:
    """Scroll the enclosing Flickable (as a finger would swipe) until the item is inside its viewport, clear of
    the scroll cue's band."""
    parent, below = item.parentItem(), item
    while parent is not None and parent.metaObject().indexOfProperty("contentY") < 0:
        parent, below = parent.parentItem(), parent
    if parent is None:
        return
    content = parent.property("contentItem")
    if below is not content:  # over the view, not in what it scrolls (its scroll cue): already in place
        return
    top = item.mapToItem(content, QPointF(0, 0)).y()
    view_top, view_height = float(parent.property("contentY")), parent.height()
    if top < view_top or top + item.height() > view_top + view_height - _cue_band(parent):
        highest = max(0.0, float(parent.property("contentHeight")) - view_height)
        centred = top + item.height() / 2 - view_height / 2
        parent.setProperty("contentY", min(max(0.0, centred), highest))
        settle(50)


def tap(window: QQuickWindow, item: QQuickItem) -> None:
    """Tap the centre of an item, as a finger would (scrolling it into view first)."""
    settle(50)  # pending layouts (text appearing or going) change where the item is
    scroll_into_view(item)
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


def keyboard_keys(window: QQuickWindow) -> dict[str, QQuickItem]:
    """The on-screen keyboard's visible keys by their label."""
    panel = find_item(window, "inputPanel")
    keys: dict[str, QQuickItem] = {}
    for item in _walk(panel):
        text = item.property("text") if item.metaObject().indexOfProperty("key") >= 0 else None
        if isinstance(text, str) and text and item.isVisible():
            keys.setdefault(text, item)
    return keys


def type_on_keyboard(window: QQuickWindow, letters: str) -> None:
    """Tap the on-screen keyboard's keys one by one (the way pinyin input really happens)."""
    for letter in letters:
        keys = keyboard_keys(window)
        if letter not in keys:
            raise LookupError(f"the on-screen keyboard shows no key {letter!r}")
        tap(window, keys[letter])


def pick_candidate(window: QQuickWindow, text: str) -> None:
    """Tap the pinyin candidate that reads `text` in the keyboard's word candidate list."""
    view = find_item(window, "wordCandidateView")
    for item in _walk(view):
        if (
            item.isVisible()
            and item.metaObject().indexOfProperty("text") >= 0
            and item.property("text") == text
        ):
            parent = item.parentItem()
            tap(window, parent if parent is not None else item)
            return
    raise LookupError(f"no pinyin candidate {text!r} is shown")
