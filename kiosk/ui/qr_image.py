"""`image://qr/<payload>`: the voucher QR drawn on screen, module for module, with its 4-module quiet zone."""

from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider

QUIET_ZONE = 4
DEFAULT_MODULE_PX = 8


class QrImageProvider(QQuickImageProvider):
    """Draws the QR of the payload in the image id; whole pixels per module so a camera reads it."""

    def __init__(self) -> None:
        """An image provider (not a texture or pixmap provider)."""
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, image_id: str, size: QSize, requested: QSize) -> QImage:
        """The QR as large as fits the requested size (8 px per module without one)."""
        from kiosk.services.receipts import voucher_qr_modules

        modules = voucher_qr_modules(unquote(image_id))
        span = len(modules) + 2 * QUIET_ZONE
        wanted = min(requested.width(), requested.height()) if requested.isValid() else 0
        module_px = max(1, wanted // span) if wanted > 0 else DEFAULT_MODULE_PX
        side = span * module_px
        image = QImage(side, side, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            for row, line in enumerate(modules):
                for column, dark in enumerate(line):
                    if dark:
                        x, y = (column + QUIET_ZONE) * module_px, (row + QUIET_ZONE) * module_px
                        painter.fillRect(x, y, module_px, module_px, QColor("black"))
        finally:
            painter.end()
        size.setWidth(side)
        size.setHeight(side)
        return image
