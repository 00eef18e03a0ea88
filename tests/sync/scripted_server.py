"""A loopback HTTP server that answers from a script and records what it was sent (for client tests)."""

from __future__ import annotations

import collections
import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import BinaryIO
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Reply:
    """One scripted answer; `cut_after` sends only that many body bytes (the rest never comes);
    `pace_bytes_per_s` sends the body at that pace, as a slow link (or a trickling proxy) delivers it."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    cut_after: int | None = None
    delay_s: float = 0.0
    pace_bytes_per_s: float | None = None


@dataclass(frozen=True)
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes


def _write_paced(out: BinaryIO, data: bytes, pace_bytes_per_s: float | None) -> None:
    """Write `data` at once, or in 1/20 s slices at `pace_bytes_per_s`."""
    if pace_bytes_per_s is None:
        out.write(data)
        out.flush()
        return
    step = max(1, int(pace_bytes_per_s / 20))
    for start in range(0, len(data), step):
        time.sleep(step / pace_bytes_per_s)
        out.write(data[start : start + step])
        out.flush()


class ScriptedServer:
    """`with ScriptedServer(Reply(...), ...) as server:` then talk to `server.url`; unscripted requests get 500."""

    def __init__(self, *replies: Reply) -> None:
        self.replies: collections.deque[Reply] = collections.deque(replies)
        self.seen: list[Seen] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                owner.seen.append(Seen(self.command, parts.path, parts.query, dict(self.headers), body))
                reply = owner.replies.popleft() if owner.replies else Reply(500, b'{"error": "unscripted"}')
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                sent = reply.body if reply.cut_after is None else reply.body[: reply.cut_after]
                with contextlib.suppress(OSError):  # the client gave up
                    _write_paced(self.wfile, sent, reply.pace_bytes_per_s)
                self.close_connection = True

            do_GET = do_POST = do_PUT = do_PATCH = _answer  # noqa: N815

            def log_message(self, format: str, *args: object) -> None:
                """Silence the default stderr log."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        """Base URL of the server."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(
        self, _type: type[BaseException] | None, _value: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
