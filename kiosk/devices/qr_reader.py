"""The QR reader port, the text rule every backend shares, and the factory that picks a backend."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Protocol

from kiosk.devices.frames import Frame
from kiosk.domain.errors import KioskError

log = logging.getLogger(__name__)

QR_READER_NAMES = ("zxing", "pyzbar")
_PRINTABLE_ASCII = frozenset(range(0x20, 0x7F))


class QrReaderUnavailable(KioskError):  # noqa: N818 - reads as what the technician is told
    """The chosen QR decoding backend is unknown or cannot be loaded on this machine."""


class QrReader(Protocol):
    """Finds QR codes in a frame and returns their printable ASCII texts (nothing else, never raising)."""

    name: str

    def decode(self, frame: Frame) -> list[str]:
        """The printable ASCII texts of the QR codes in the frame, in the order found; [] when none."""
        ...


def printable_ascii_texts(contents: Iterable[bytes], *, backend: str) -> list[str]:
    """Keep the contents that are printable ASCII, as text; refuse the rest (binary, UTF-8, controls)."""
    texts: list[str] = []
    for raw in contents:
        if raw and _PRINTABLE_ASCII.issuperset(raw):
            texts.append(raw.decode("ascii"))
        else:
            log.info("%s: refused a QR code of %d bytes that is not printable ASCII", backend, len(raw))
    return texts


def make_qr_reader(name: str) -> QrReader:
    """The reader called `name` ("zxing" or "pyzbar"); raises QrReaderUnavailable when it cannot work."""
    if name == "zxing":
        from kiosk.devices.zxing_reader import ZxingReader

        return ZxingReader()
    if name == "pyzbar":
        from kiosk.devices.pyzbar_reader import PyzbarReader

        return PyzbarReader()
    raise QrReaderUnavailable(
        f"未知的二维码识别组件 {name!r}，可选：{'、'.join(QR_READER_NAMES)}",
        f"Unknown QR reader {name!r}; choose one of: {', '.join(QR_READER_NAMES)}",
    )
