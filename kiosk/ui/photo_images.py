"""The `image://photo/…` provider: the document camera's newest frame and the thumbnails of kept photos.

Light on purpose (no camera, no storage): the kiosk registers it before home shows, and the photo capture
that fills it is made when a form first needs it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtQuick import QQuickImageProvider

if TYPE_CHECKING:
    from kiosk.devices.frames import Frame

THUMBNAIL_WIDTH = 320


def image_of(frame: Frame) -> QImage:
    """The frame as a grayscale QImage that owns its pixels."""
    return QImage(
        frame.pixels, frame.width, frame.height, frame.width, QImage.Format.Format_Grayscale8
    ).copy()


class PhotoImages(QQuickImageProvider):
    """`image://photo/preview/<n>` (the newest camera frame) and `image://photo/thumb/<sha256>`."""

    def __init__(self) -> None:
        """An image provider (not a texture or pixmap provider)."""
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._lock = threading.Lock()
        self._preview: Frame | None = None
        self._thumbnails: dict[str, QImage] = {}

    def show_frame(self, frame: Frame | None) -> None:
        """The frame the preview shows next (any thread)."""
        with self._lock:
            self._preview = frame

    def newest_frame(self) -> Frame | None:
        """The frame the preview shows."""
        with self._lock:
            return self._preview

    def keep_thumbnail(self, sha256: str, frame: Frame) -> None:
        """Remember a small picture of a kept photo for this session."""
        thumbnail = image_of(frame).scaledToWidth(
            THUMBNAIL_WIDTH, QtCore.Qt.TransformationMode.SmoothTransformation
        )
        with self._lock:
            self._thumbnails[sha256] = thumbnail

    def forget(self) -> None:
        """Drop every picture (the session ended)."""
        with self._lock:
            self._preview = None
            self._thumbnails.clear()

    def requestImage(self, image_id: str, size: QSize, requested: QSize) -> QImage:
        """The preview or a thumbnail; a plain grey picture when there is none."""
        kind, _, name = image_id.partition("/")
        with self._lock:
            frame = self._preview if kind == "preview" else None
            image = self._thumbnails.get(name) if kind == "thumb" else None
        if frame is not None:
            image = image_of(frame)
        if image is None:
            image = QImage(4, 3, QImage.Format.Format_RGB32)
            image.fill(QColor("#c3c8d0"))
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image
