"""ESC/POS over raw TCP (the "port 9100" / JetDirect socket every network receipt printer offers)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from printing.backends.errors import PrinterNotFoundError, PrinterOfflineError
from printing.backends.escpos_base import DEFAULT_TIMEOUT_S, EscposBackend, no_answer

__all__ = ["EscposNetworkBackend"]


class _SocketLink:
    """A connected socket with a read timeout."""

    def __init__(self, sock: socket.socket, where: str) -> None:
        self._sock = sock
        self._where = where

    def write(self, data: bytes) -> None:
        """Send every byte."""
        try:
            self._sock.sendall(data)
        except OSError as exc:
            raise _lost(self._where, exc) from None

    def read_byte(self) -> int:
        """One byte, or PrinterOfflineError after the timeout or a closed connection."""
        try:
            chunk = self._sock.recv(1)
        except TimeoutError:
            raise no_answer(self._where) from None
        except OSError as exc:
            raise _lost(self._where, exc) from None
        if not chunk:
            raise no_answer(self._where)
        return chunk[0]


def _lost(where: str, exc: OSError) -> PrinterOfflineError:
    return PrinterOfflineError(
        f"与打印机 {where} 的连接中断：{exc.strerror or exc}",
        f"The connection to the printer {where} broke: {exc.strerror or exc}",
    )


class EscposNetworkBackend(EscposBackend):
    """A network thermal printer taking ESC/POS on a TCP port (9100 by default)."""

    def __init__(
        self,
        host: str,
        port: int = 9100,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        width_dots: int = 576,
        charset: str = "GBK",
    ) -> None:
        super().__init__(width_dots=width_dots, charset=charset)
        self.host = host
        self.port = port
        self.timeout_s = timeout_s

    @property
    def description(self) -> str:
        """escpos-tcp:HOST:PORT."""
        return f"escpos-tcp:{self.host}:{self.port}"

    @contextmanager
    def open_link(self) -> Iterator[_SocketLink]:
        """Connect (bounded by the timeout), then use the same timeout for every read."""
        where = f"{self.host}:{self.port}"
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.timeout_s)
        except socket.gaierror:
            raise PrinterNotFoundError(
                f"找不到网络打印机 {self.host}，请检查打印机地址设置",
                f"Network printer {self.host} not found; check the printer address setting",
            ) from None
        except TimeoutError:
            raise no_answer(where) from None
        except OSError as exc:
            raise PrinterOfflineError(
                f"无法连接网络打印机 {where}：{exc.strerror or exc}",
                f"Cannot connect to the network printer {where}: {exc.strerror or exc}",
            ) from None
        with sock:
            yield _SocketLink(sock, where)
