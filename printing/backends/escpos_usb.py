"""ESC/POS over USB through the Linux usblp character device (/dev/usb/lp0).

Why usblp and not pyusb: the kernel already binds receipt printers (USB class 7) to usblp, so the kiosk
needs no libusb, no detaching of the kernel driver and no root — only membership of the `lp` group that
owns /dev/usb/lp*. usblp is bidirectional: what we write goes to the printer's bulk-out endpoint and
its DLE EOT answers come back through read(), which honours poll() so reads can time out.
"""

from __future__ import annotations

import os
import select
from collections.abc import Iterator
from contextlib import contextmanager

from printing.backends.errors import PrinterOfflineError
from printing.backends.escpos_base import DEFAULT_TIMEOUT_S, EscposBackend, device_error, no_answer

__all__ = ["EscposUsbBackend"]


class _DeviceFileLink:
    """A non-blocking device file descriptor; poll() bounds every read and write by the timeout."""

    def __init__(self, fd: int, where: str, timeout_s: float) -> None:
        self._fd = fd
        self._where = where
        self._timeout_s = timeout_s

    def write(self, data: bytes) -> None:
        """Send every byte; a printer that takes nothing for the whole timeout is offline."""
        view = memoryview(data)
        while view:
            if not self._wait(select.POLLOUT):
                raise PrinterOfflineError(
                    f"打印机 {self._where} 不再接收数据", f"The printer {self._where} stopped taking data"
                )
            try:
                written = os.write(self._fd, view)
            except BlockingIOError:
                continue
            except OSError as exc:
                raise device_error(self._where, exc) from None
            view = view[written:]

    def read_byte(self) -> int:
        """One byte, or PrinterOfflineError when none comes within the timeout."""
        if not self._wait(select.POLLIN):
            raise no_answer(self._where)
        try:
            chunk = os.read(self._fd, 1)
        except BlockingIOError:
            chunk = b""
        except OSError as exc:
            raise device_error(self._where, exc) from None
        if not chunk:
            raise no_answer(self._where)
        return chunk[0]

    def _wait(self, event: int) -> bool:
        poller = select.poll()
        poller.register(self._fd, event)
        return bool(poller.poll(self._timeout_s * 1000))


class EscposUsbBackend(EscposBackend):
    """A USB thermal printer driven through the kernel's usblp device file."""

    def __init__(
        self,
        device: str = "/dev/usb/lp0",
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        width_dots: int = 576,
        charset: str = "GBK",
    ) -> None:
        super().__init__(width_dots=width_dots, charset=charset)
        self.device = device
        self.timeout_s = timeout_s

    @property
    def description(self) -> str:
        """escpos-usb:DEVICE."""
        return f"escpos-usb:{self.device}"

    @contextmanager
    def open_link(self) -> Iterator[_DeviceFileLink]:
        """Open the device read-write and non-blocking (a missing or busy device raises at once)."""
        try:
            fd = os.open(self.device, os.O_RDWR | os.O_NONBLOCK | os.O_NOCTTY)
        except OSError as exc:
            raise device_error(self.device, exc) from None
        try:
            yield _DeviceFileLink(fd, self.device, self.timeout_s)
        finally:
            os.close(fd)
