"""Connect a simulated printer to real clients: a port-9100 style TCP server and a serial-like pseudo-terminal."""

from __future__ import annotations

import os
import select
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

__all__ = ["PtyEndpoint", "TcpEndpoint", "serve_pty", "serve_tcp"]

Feed = Callable[[bytes], bytes]
"""Takes the bytes a client sent and returns the printer's answers (status bytes) to send back."""

_POLL_SECONDS = 0.05
_CHUNK = 4096


@dataclass(frozen=True, slots=True)
class TcpEndpoint:
    """Where the simulated network printer listens."""

    host: str
    port: int


@dataclass(frozen=True, slots=True)
class PtyEndpoint:
    """The serial device path a client opens (for example with serial.Serial(device_path))."""

    device_path: str


@contextmanager
def _running(name: str, loop: Callable[[threading.Event], None]) -> Iterator[None]:
    """Run loop(stop) in a thread for the duration of the with block, then stop and join it."""
    stop = threading.Event()
    thread = threading.Thread(target=loop, args=(stop,), name=name, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@contextmanager
def serve_tcp(feed: Feed, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[TcpEndpoint]:
    """Serve the printer on a TCP port like a port-9100 printer: one connection at a time, answers on it."""
    with socket.create_server((host, port)) as listener:
        listener.settimeout(_POLL_SECONDS)

        def accept_loop(stop: threading.Event) -> None:
            """Accept one client at a time until stopped."""
            while not stop.is_set():
                try:
                    connection, _ = listener.accept()
                except TimeoutError:
                    continue
                with connection:
                    _serve_connection(connection, feed, stop)

        with _running("simulated-printer-tcp", accept_loop):
            yield TcpEndpoint(host, listener.getsockname()[1])


def _serve_connection(connection: socket.socket, feed: Feed, stop: threading.Event) -> None:
    """Pass a client's bytes to the printer and send its answers back until the client hangs up."""
    connection.settimeout(_POLL_SECONDS)
    while not stop.is_set():
        try:
            data = connection.recv(_CHUNK)
        except TimeoutError:
            continue
        except OSError:
            return
        if not data:
            return
        answer = feed(data)
        if answer:
            connection.sendall(answer)


@contextmanager
def serve_pty(feed: Feed) -> Iterator[PtyEndpoint]:
    """Serve the printer on a pseudo-terminal whose slave path a serial client (pyserial) opens."""
    if os.name != "posix":
        raise NotImplementedError("a simulated serial printer needs a POSIX pseudo-terminal")
    import tty

    master, slave = os.openpty()
    try:
        tty.setraw(slave)  # bytes pass unchanged: no echo, no line editing, no CR/LF translation

        def read_loop(stop: threading.Event) -> None:
            """Pass what the serial client writes to the printer and write the answers back."""
            while not stop.is_set():
                readable, _, _ = select.select([master], [], [], _POLL_SECONDS)
                if readable:
                    answer = feed(os.read(master, _CHUNK))
                    if answer:
                        os.write(master, answer)

        with _running("simulated-printer-pty", read_loop):
            yield PtyEndpoint(os.ttyname(slave))
    finally:
        os.close(master)
        os.close(slave)
