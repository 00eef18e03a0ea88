"""What a citizen would miss on a screen: a view that scrolls without showing it or is scrolled past its end, a
heading cut by a view's edge with no cue at that edge, a primary action that needs scrolling (or is under the
keyboard) to be seen."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QRectF
from PySide6.QtQuick import QQuickItem, QQuickWindow

# The one action that takes each screen forward, or back home: always wholly on screen.
PRIMARY_ACTIONS = frozenset(
    {
        "startButton",
        "submitButton",
        "confirmButton",
        "doneButton",
        "submitRatingButton",
        "reasonsNextButton",
        "submitCallbackButton",
        "thanksHomeButton",
        "counterNextButton",
    }
)
HEADING_SUFFIXES = ("Title", "Heading")


def _scene(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def _shown(item: QQuickItem) -> Iterator[QQuickItem]:
    if not item.isVisible() or item.opacity() == 0 or item.objectName() == "inputPanel":
        return
    yield item
    for child in item.childItems():
        yield from _shown(child)


def _views_around(item: QQuickItem) -> Iterator[QQuickItem]:
    """The clipping ancestors of an item, nearest first."""
    ancestor = item.parentItem()
    while ancestor is not None:
        if ancestor.clip():
            yield ancestor
        ancestor = ancestor.parentItem()


def _cue_of(view: QQuickItem) -> QQuickItem | None:
    return next((child for child in view.childItems() if child.objectName() == "scrollCue"), None)


def _is_heading(item: QQuickItem) -> bool:
    name = item.objectName()
    return item.inherits("QQuickText") and (name == "heading" or name.endswith(HEADING_SUFFIXES))


def _heading_problem(item: QQuickItem) -> str | None:
    """Why a heading shows cut, if it does: cut by a view's edge outside that view's cue band."""
    rect = _scene(item)
    for view in _views_around(item):
        shown = _scene(view)
        if not shown.intersects(rect) or shown.contains(rect):
            continue  # scrolled away whole, or wholly in view
        cue = _cue_of(view)
        if cue is not None and rect.bottom() > shown.bottom() and bool(cue.property("moreBelow")):
            band_top = shown.bottom() - float(cue.property("bandHeight"))
            if rect.top() >= band_top - 0.5:
                continue  # it shows in the fade above "more below" only
        return f"heading {item.property('text')!r} cut by the edge of {view.objectName() or view.metaObject().className()}"
    return None


def _action_problem(item: QQuickItem, window: QQuickWindow, keyboard: QRectF | None) -> str | None:
    rect = _scene(item)
    name = item.objectName()
    if not QRectF(0, 0, window.width(), window.height()).contains(rect):
        return f"{name} is not wholly on screen ({rect.top():.0f}..{rect.bottom():.0f} px)"
    if keyboard is not None and keyboard.intersects(rect):
        return f"{name} is under the keyboard"
    for view in _views_around(item):
        if not _scene(view).contains(rect):
            return f"{name} needs scrolling to be seen"
    return None


def _scroll_problem(view: QQuickItem) -> str | None:
    """A view with more content than room must show it: its cue on, with its button while more is below."""
    overflow = float(view.property("contentHeight")) - view.height()
    name = view.objectName() or view.metaObject().className()
    scrolled = float(view.property("contentY")) - float(view.property("originY"))
    if scrolled > max(0.0, overflow) + 2 and not view.property("moving"):
        return f"{name} is scrolled {scrolled - max(0.0, overflow):.0f} px past its end (an empty page)"
    if overflow <= 2 or not view.property("interactive"):
        return None
    cue = _cue_of(view)
    if cue is None or not cue.isVisible():
        return f"{name} scrolls ({overflow:.0f} px more) and shows no sign of it"
    buttons = [child for child in _shown(cue) if child.objectName() == "scrollMoreButton"]
    if cue.property("moreBelow") and not buttons:
        return f"{name} has more below and no button saying so"
    return None


def clipping_problems(window: QQuickWindow) -> list[str]:
    """Every scroll, heading and primary-action problem of the screen as it is."""
    panel = [item for item in _all(window.contentItem()) if item.objectName() == "inputPanel"]
    keyboard = _scene(panel[0]) if panel and panel[0].isVisible() and panel[0].height() > 0 else None
    problems: list[str] = []
    for item in _shown(window.contentItem()):
        problem = None
        if item.inherits("QQuickFlickable"):
            problem = _scroll_problem(item)
        elif _is_heading(item) and str(item.property("text") or "").strip():
            problem = _heading_problem(item)
        elif item.objectName() in PRIMARY_ACTIONS:
            problem = _action_problem(item, window, keyboard)
        if problem:
            problems.append(problem)
    return problems


def _all(item: QQuickItem) -> Iterator[QQuickItem]:
    yield item
    for child in item.childItems():
        yield from _all(child)
