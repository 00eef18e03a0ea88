"""A whole-request deadline for requests: a watchdog that cuts the connection once the time is up.

`requests` timeouts bound each socket read, not the whole answer: a captive portal or a failing proxy that
sends a byte every few seconds keeps a request (and with it every sync job) waiting forever. A
`RequestDeadline` runs beside one request; when it passes, it shuts the request's socket down, so the
blocked read returns at once and the request fails. The connections learn which deadline they serve from
the thread that sends the request: mount `DeadlineAdapter` on the session and send inside
`with deadline:`.

The deadline "fits the link": it starts at a fixed allowance and grows with every byte that arrives
(`grant_for(bytes)`), so a real slow link that keeps moving finishes, and a trickle does not.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from types import TracebackType
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

__all__ = ["DeadlineAdapter", "RequestDeadline"]

_current = threading.local()
_ABORT_REPEAT_S = 0.05  # a socket opened while the deadline was passing is cut on the next round


class RequestDeadline:
    """The time one request may take: `allowance_s`, plus `1 / bytes_per_s` seconds per byte received."""

    def __init__(self, *, allowance_s: float, bytes_per_s: float) -> None:
        self._lock = threading.Lock()
        self._expires = time.monotonic() + allowance_s
        self._bytes_per_s = bytes_per_s
        self._sockets: list[socket.socket] = []
        self._done = threading.Event()
        self.expired = False
        self._watchdog = threading.Thread(target=self._watch, name="sync-deadline", daemon=True)

    def __enter__(self) -> RequestDeadline:
        _current.deadline = self
        self._watchdog.start()
        return self

    def __exit__(
        self, _type: type[BaseException] | None, _value: BaseException | None, _tb: TracebackType | None
    ) -> None:
        _current.deadline = None
        self._done.set()
        self._watchdog.join()

    def grant_for(self, received_bytes: int) -> None:
        """Extend the deadline for answer bytes that arrived (the link is moving)."""
        with self._lock:
            self._expires += received_bytes / self._bytes_per_s

    def serve(self, sock: socket.socket) -> None:
        """Watch this socket (called by a connection as it connects, or sends a request on a kept one)."""
        with self._lock:
            self._sockets.append(sock)

    def _remaining(self) -> float:
        with self._lock:
            return self._expires - time.monotonic()

    def _watch(self) -> None:
        while not self._done.wait(max(0.0, self._remaining())):
            if self._remaining() > 0:
                continue  # extended meanwhile
            self.expired = True
            while True:
                self._cut()
                if self._done.wait(_ABORT_REPEAT_S):
                    return

    def _cut(self) -> None:
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):  # already closed
                # the plain socket's shutdown, also under TLS: the reader's SSL_read then fails at once
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _served_by_current_deadline(sock: socket.socket | None) -> None:
    deadline: RequestDeadline | None = getattr(_current, "deadline", None)
    if deadline is not None and sock is not None:
        deadline.serve(sock)


# The socket, not the connection, is watched: http.client hands the socket to the answer and forgets it
# (connection.sock = None) when the server closes after answering, while the answer is still being read.
class _WatchedHTTPConnection(HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _served_by_current_deadline(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        _served_by_current_deadline(self.sock)  # a kept-alive connection: connect() is not called again
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _served_by_current_deadline(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        _served_by_current_deadline(self.sock)
        super().request(*args, **kwargs)


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class DeadlineAdapter(HTTPAdapter):
    """requests' adapter whose connections (direct or through a proxy) a RequestDeadline can cut."""

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        """requests' pool manager, with connections that report to the current deadline."""
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_WATCHED_POOLS)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        """requests' proxy manager, likewise watched."""
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if hasattr(manager, "pool_classes_by_scheme"):
            manager.pool_classes_by_scheme = dict(_WATCHED_POOLS)
        return manager
