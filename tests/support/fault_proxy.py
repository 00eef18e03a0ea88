"""A fault-injecting HTTP/1.1 proxy for tests: sits between the kiosk and the real county server on loopback.

Each request that arrives takes the next fault from a queue (default: pass it through). Faults:

- ``PASS``: forward the request, relay the answer.
- ``REFUSE``: close the connection as soon as it is accepted (the server looks down).
- ``RESET_MID_REQUEST``: read part of the request, then reset the connection (RST).
- ``BLACKHOLE``: read the request and answer nothing until the client gives up (a timeout).
- ``STATUS_500`` / ``STATUS_503`` / ``STATUS_429``: answer that status without forwarding
  (503 and 429 carry ``Retry-After: 1``).
- ``TRUNCATE_RESPONSE``: forward, then relay only the first half of the answer and close.
- ``LOSE_RESPONSE``: forward (the server commits), then close without relaying anything.
- ``DUPLICATE``: forward the request twice (a duplicated delivery); relay the first answer.
- ``DELAY``: hold the request, reset the client, and deliver the held request later, after the next
  request that passes (a stale, reordered delivery).
- ``TRICKLE_HEADERS`` / ``TRICKLE_BODY``: forward (the server commits), then relay the answer one byte
  every ``TRICKLE_INTERVAL_S`` from its first header byte / from its first body byte, as a captive portal
  or a failing proxy does: every read gets a byte well within any read timeout, and the answer never ends.

The proxy frames messages by Content-Length (the kiosk client and uvicorn both use it).
"""

from __future__ import annotations

import collections
import contextlib
import enum
import socket
import struct
import threading
from dataclasses import dataclass, field


class Fault(enum.Enum):
    """What the proxy does to one request."""

    PASS = "pass"
    REFUSE = "refuse"
    RESET_MID_REQUEST = "reset_mid_request"
    BLACKHOLE = "blackhole"
    STATUS_500 = "status_500"
    STATUS_503 = "status_503"
    STATUS_429 = "status_429"
    TRUNCATE_RESPONSE = "truncate_response"
    LOSE_RESPONSE = "lose_response"
    DUPLICATE = "duplicate"
    DELAY = "delay"
    TRICKLE_HEADERS = "trickle_headers"
    TRICKLE_BODY = "trickle_body"


TRICKLE_INTERVAL_S = 0.25


_CANNED = {
    Fault.STATUS_500: (500, "Internal Server Error", ""),
    Fault.STATUS_503: (503, "Service Unavailable", "Retry-After: 1\r\n"),
    Fault.STATUS_429: (429, "Too Many Requests", "Retry-After: 1\r\n"),
}


def _read_message(conn: socket.socket, buffer: bytearray) -> bytes | None:
    """One HTTP message (headers + Content-Length body) from `conn`; None when the peer closed first."""
    while b"\r\n\r\n" not in buffer:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        buffer.extend(chunk)
    head_end = buffer.index(b"\r\n\r\n") + 4
    length = 0
    for line in bytes(buffer[:head_end]).split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(buffer) < head_end + length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        buffer.extend(chunk)
    message = bytes(buffer[: head_end + length])
    del buffer[: head_end + length]
    return message


def _reset(conn: socket.socket) -> None:
    """Close with RST instead of FIN."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


@dataclass
class FaultProxy:
    """The proxy; `start()` binds 127.0.0.1 on a free port, `url` is what the kiosk should talk to."""

    upstream_host: str
    upstream_port: int
    faults: collections.deque[Fault] = field(default_factory=collections.deque)
    seen: list[Fault] = field(default_factory=list)
    _held: list[bytes] = field(default_factory=list)
    _server: socket.socket | None = None
    _threads: list[threading.Thread] = field(default_factory=list)
    _clients: set[socket.socket] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stopping: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        """Base URL of the proxy."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.getsockname()[1]}"

    def start(self) -> FaultProxy:
        """Listen and serve in a background thread."""
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen(64)
        server.settimeout(0.2)
        self._server = server
        thread = threading.Thread(target=self._accept_loop, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def stop(self) -> None:
        """Stop accepting, close every client connection, and wait for the workers."""
        self._stopping.set()
        with self._lock:
            clients = list(self._clients)
        for client in clients:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout=5)
        if self._server is not None:
            self._server.close()

    def inject(self, *faults: Fault) -> None:
        """Queue faults for the next requests, in order."""
        with self._lock:
            self.faults.extend(faults)

    def retarget(self, port: int) -> None:
        """Point the proxy at a restarted server."""
        self.upstream_port = port

    def _next_fault(self) -> Fault:
        with self._lock:
            fault = self.faults.popleft() if self.faults else Fault.PASS
            self.seen.append(fault)
            return fault

    def _accept_loop(self) -> None:
        assert self._server is not None
        while not self._stopping.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            worker = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            with self._lock:
                self._clients.add(conn)
                self._threads.append(worker)
            worker.start()

    def _serve(self, client: socket.socket) -> None:
        client.settimeout(30)
        buffer = bytearray()
        try:
            while not self._stopping.is_set():
                if self.faults and self.faults[0] is Fault.REFUSE:
                    self._next_fault()
                    _reset(client)
                    return
                request = _read_message(client, buffer)
                if request is None or not self._handle(client, request):
                    return
        except OSError:
            pass
        finally:
            client.close()  # closing twice is harmless
            with self._lock:
                self._clients.discard(client)

    def _forward(self, request: bytes) -> bytes | None:
        try:
            with socket.create_connection((self.upstream_host, self.upstream_port), timeout=30) as upstream:
                upstream.sendall(request)
                return _read_message(upstream, bytearray())
        except OSError:
            return None

    def _drop(self, client: socket.socket, request: bytes, fault: Fault) -> None:
        """Faults where the client never hears back: reset now, time out, or reset and deliver later."""
        if fault is Fault.BLACKHOLE:
            self._stopping.wait(timeout=20)
            return
        if fault is Fault.DELAY:
            self._held.append(request)
        _reset(client)

    def _deliver_held(self) -> None:
        while self._held:
            self._forward(self._held.pop(0))

    def _trickle(self, client: socket.socket, answer: bytes, *, from_body: bool) -> None:
        """Relay `answer` a byte at a time (headers first when `from_body`) until the client gives up."""
        start = answer.index(b"\r\n\r\n") + 4 if from_body else 0
        client.sendall(answer[:start])
        for byte in answer[start:]:
            if self._stopping.wait(TRICKLE_INTERVAL_S):
                break
            client.sendall(bytes([byte]))  # OSError once the client has cut the connection
        client.close()

    def _handle(self, client: socket.socket, request: bytes) -> bool:
        """Apply one fault; False when the client connection is finished."""
        fault = self._next_fault()
        if fault in (Fault.RESET_MID_REQUEST, Fault.BLACKHOLE, Fault.DELAY):
            self._drop(client, request, fault)
            return False
        if fault in _CANNED:
            status, reason, extra = _CANNED[fault]
            body = b'{"error": "injected"}'
            head = f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n{extra}"
            client.sendall(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
            return True
        answer = self._forward(request)
        if fault is Fault.DUPLICATE:
            self._forward(request)
        if fault is Fault.PASS and self._held:
            self._deliver_held()
        if answer is None or fault is Fault.LOSE_RESPONSE:
            _reset(client)
            return False
        if fault in (Fault.TRICKLE_HEADERS, Fault.TRICKLE_BODY):
            self._trickle(client, answer, from_body=fault is Fault.TRICKLE_BODY)
            return False
        if fault is Fault.TRUNCATE_RESPONSE:
            client.sendall(answer[: len(answer) // 2])
            client.close()
            return False
        client.sendall(answer)
        return True
