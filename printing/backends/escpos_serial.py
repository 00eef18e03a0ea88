"""ESC/POS over a serial port (RS-232 or a USB-serial adapter) through pyserial."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import serial

from printing.backends.errors import PrinterOfflineError
from printing.backends.escpos_base import DEFAULT_TIMEOUT_S, EscposBackend, device_error, no_answer

__all__ = ["EscposSerialBackend"]


class _SerialLink:
    """An open serial port; its timeouts bound every read and write."""

    def __init__(self, port: serial.Serial, where: str) -> None:
        self._port = port
        self._where = where

    def write(self, data: bytes) -> None:
        """Send every byte (hardware flow control may hold them back until the write timeout)."""
        try:
            self._port.write(data)
            self._port.flush()
        except serial.SerialTimeoutException:
            raise PrinterOfflineError(
                f"打印机 {self._where} 不再接收数据", f"The printer {self._where} stopped taking data"
            ) from None
        except serial.SerialException as exc:
            raise device_error(self._where, exc) from None

    def read_byte(self) -> int:
        """One byte, or PrinterOfflineError after the read timeout."""
        try:
            chunk = self._port.read(1)
        except serial.SerialException as exc:
            raise device_error(self._where, exc) from None
        if not chunk:
            raise no_answer(self._where)
        return chunk[0]


class EscposSerialBackend(EscposBackend):
    """A thermal printer on a serial port, e.g. /dev/ttyS0 at 19200 baud, 8N1."""

    def __init__(
        self,
        device: str,
        baudrate: int = 19200,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        width_dots: int = 576,
        charset: str = "GBK",
    ) -> None:
        super().__init__(width_dots=width_dots, charset=charset)
        self.device = device
        self.baudrate = baudrate
        self.timeout_s = timeout_s

    @property
    def description(self) -> str:
        """escpos-serial:DEVICE:BAUD."""
        return f"escpos-serial:{self.device}:{self.baudrate}"

    @contextmanager
    def open_link(self) -> Iterator[_SerialLink]:
        """Open the port 8N1 with read and write timeouts; stale input from the printer is dropped."""
        try:
            port = serial.Serial(
                self.device, self.baudrate, timeout=self.timeout_s, write_timeout=self.timeout_s
            )
        except serial.SerialException as exc:
            raise device_error(self.device, exc) from None
        with port:
            port.reset_input_buffer()
            yield _SerialLink(port, self.device)
