"""A finger drawing on the screen: press, move through points, release (the consent's signature)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, Qt
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.ui.probe import scroll_into_view, settle


def draw(window: QQuickWindow, item: QQuickItem, points: Sequence[tuple[float, float]]) -> None:
    """One stroke through `points` given as fractions (0..1) of the item's width and height."""
    scroll_into_view(item)
    settle(200)
    scene = [item.mapToScene(QPointF(x * item.width(), y * item.height())).toPoint() for x, y in points]
    button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mouseMove(window, scene[0])
    QTest.mousePress(window, button, none, scene[0])
    for point in scene[1:]:
        QTest.mouseMove(window, point, 10)
    QTest.mouseRelease(window, button, none, scene[-1], 10)
    settle(50)
