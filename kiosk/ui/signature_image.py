"""A finger signature drawn on the consent screen, as a PNG: black strokes on white, the size it was drawn."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

MIN_INK_POINTS = 8  # fewer points is a tap, not a signature
PEN_WIDTH = 5


def ink_points(strokes: Sequence[Sequence[Sequence[float]]]) -> int:
    """How many points the strokes hold."""
    return sum(len(stroke) for stroke in strokes)


def signature_png(strokes: Sequence[Sequence[Sequence[float]]], *, width: int, height: int) -> bytes:
    """The strokes ([[x, y], …] each, in pixels of the drawing area) drawn as a PNG of that area."""
    image = QImage(max(1, width), max(1, height), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("black"), PEN_WIDTH)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    for stroke in strokes:
        points = [QPointF(float(point[0]), float(point[1])) for point in stroke if len(point) >= 2]
        if len(points) == 1:
            painter.drawPoint(points[0])
        elif points:
            painter.drawPolyline(QPolygonF(points))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; PySide6 takes str
    buffer.close()
    return bytes(data.data())
