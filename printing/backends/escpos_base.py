"""What every ESC/POS backend shares: render, ask DLE EOT status, refuse unless ready, send the bytes.

A transport (TCP socket, serial port, usblp character device, in-process simulator) only has to open a
duplex byte link; the status exchange and the refusal rules live here once.
"""

from __future__ import annotations

import errno
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from printing.backends.errors import PrinterError, PrinterNotFoundError, PrinterOfflineError, error_for_status
from printing.escpos import STATUS_REQUESTS, parse_status, render_receipt_escpos
from printing.receipt import Receipt
from printing.status import PrinterStatus

__all__ = ["DEFAULT_TIMEOUT_S", "ByteLink", "EscposBackend", "device_error", "no_answer", "query_status"]

DEFAULT_TIMEOUT_S = 5.0


class ByteLink(Protocol):
    """An open two-way byte connection to a printer."""

    def write(self, data: bytes) -> None:
        """Send all of data; raise PrinterOfflineError when the printer stops taking bytes."""
        ...

    def read_byte(self) -> int:
        """One byte from the printer; raise PrinterOfflineError when none comes within the read timeout."""
        ...


def no_answer(where: str) -> PrinterOfflineError:
    """The error for a printer that takes bytes but does not answer a status request."""
    return PrinterOfflineError(
        f"打印机没有应答（{where}），请检查电源和连接线",
        f"The printer does not answer ({where}); check its power and cable",
    )


def query_status(link: ByteLink, *, where: str) -> PrinterStatus:
    """Send DLE EOT 1, 2 and 4 and parse the three answers."""
    answers = []
    for request in STATUS_REQUESTS:
        link.write(request)
        answers.append(link.read_byte())
    try:
        return parse_status(*answers)
    except ValueError:
        raise PrinterOfflineError(
            f"打印机的应答无法识别（{where}），请检查波特率和连接",
            f"The printer's answer is garbled ({where}); check the baud rate and the connection",
        ) from None


class EscposBackend(ABC):
    """An ESC/POS thermal printer behind some byte link; one exchange with the device at a time."""

    reports_status = True

    def __init__(self, *, width_dots: int = 576, charset: str = "GBK") -> None:
        self.width_dots = width_dots
        self.charset = charset
        self._device_lock = threading.Lock()

    @property
    @abstractmethod
    def description(self) -> str:
        """Which printer this is."""

    @abstractmethod
    def open_link(self) -> AbstractContextManager[ByteLink]:
        """Open the byte link for one exchange; raise PrinterNotFoundError or PrinterOfflineError."""

    def render(self, receipt: Receipt) -> bytes:
        """The ESC/POS bytes of a receipt for this printer's paper width and character set."""
        return render_receipt_escpos(
            receipt, printable_width_dots=self.width_dots, printer_charset=self.charset
        )

    def status(self) -> PrinterStatus:
        """Ask the printer (DLE EOT) how it is."""
        with self._exchange() as link:
            return query_status(link, where=self.description)

    def print_receipt(self, receipt: Receipt) -> None:
        """Render first (a receipt that cannot be drawn never reaches the device), check status, send."""
        data = self.render(receipt)
        with self._exchange() as link:
            problem = error_for_status(query_status(link, where=self.description))
            if problem is not None:
                raise problem
            link.write(data)

    @contextmanager
    def _exchange(self) -> Iterator[ByteLink]:
        """Open the link while holding the device lock (status and printing never interleave)."""
        with self._device_lock, self.open_link() as link:
            yield link


def device_error(device: str, exc: OSError) -> PrinterError:
    """The error for a device file (serial port, usblp node) that cannot be opened or used."""
    if exc.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO):
        return PrinterNotFoundError(
            f"找不到打印机设备 {device}，请检查连接线和打印机设置",
            f"Printer device {device} not found; check the cable and the printer setting",
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return PrinterNotFoundError(
            f"没有权限使用打印机设备 {device}（请把运行终端的用户加入 lp 或 dialout 组）",
            f"No permission to use the printer device {device} (add the kiosk user to the lp or dialout group)",
        )
    return PrinterOfflineError(
        f"打印机设备 {device} 无法使用：{exc.strerror or exc}",
        f"The printer device {device} cannot be used: {exc.strerror or exc}",
    )
