"""The second QR reader, on ZBar through pyzbar (needs the libzbar0 system library)."""

from __future__ import annotations

import logging

from kiosk.devices.frames import Frame
from kiosk.devices.qr_reader import QrReaderUnavailable, printable_ascii_texts

log = logging.getLogger(__name__)


class PyzbarReader:
    """Decodes QR codes with ZBar; slower and less tolerant than zxing, kept as a fallback."""

    name = "pyzbar"

    def __init__(self) -> None:
        try:
            from pyzbar import pyzbar, pyzbar_error
        except (ImportError, OSError) as exc:  # pyzbar raises ImportError when libzbar is missing
            raise QrReaderUnavailable(
                f"二维码识别组件 pyzbar 无法加载（{exc}），请安装系统库 libzbar0 或改用 zxing",
                f"The QR reader pyzbar cannot be loaded ({exc}); install the libzbar0 system library "
                "or use zxing",
            ) from None
        self._pyzbar = pyzbar
        self._symbols = [pyzbar.ZBarSymbol.QRCODE]
        self._refusals = (ValueError, pyzbar_error.PyZbarError)

    def decode(self, frame: Frame) -> list[str]:
        """Printable ASCII texts of the QR codes in the frame."""
        try:
            found = self._pyzbar.decode((frame.pixels, frame.width, frame.height), symbols=self._symbols)
        except self._refusals as exc:  # ZBar refusing a frame is not worth a crash
            log.warning("pyzbar could not read a %dx%d frame: %s", frame.width, frame.height, exc)
            return []
        return printable_ascii_texts((symbol.data for symbol in found), backend=self.name)
