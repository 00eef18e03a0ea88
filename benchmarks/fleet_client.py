"""A light load generator for the fleet benchmark: many simulated kiosks on one asyncio loop.

Each kiosk keeps one HTTP/1.1 keep-alive connection and signs every push at send time, as the real kiosk
does. It writes requests by hand instead of through `requests` so that 200 kiosks sharing the server's
two CPUs cost little CPU themselves (threads with `requests` spent about 2 ms of CPU per push).
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol import HEADER_PROTOCOL, PROTOCOL_VERSION, PUSH_PATH, sign_request


@dataclass
class AsyncKiosk:
    """One enrolled kiosk with its own connection to the county server."""

    base_url: str
    device_id: str
    private_key: Ed25519PrivateKey
    _reader: asyncio.StreamReader | None = field(default=None, init=False)
    _writer: asyncio.StreamWriter | None = field(default=None, init=False)

    async def _connection(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        """The open connection (made on first use)."""
        if self._reader is None or self._writer is None:
            parts = urlsplit(self.base_url)
            self._reader, self._writer = await asyncio.open_connection(parts.hostname, parts.port)
        return self._reader, self._writer

    async def push(self, gzipped_body: bytes) -> tuple[int, dict[str, object]]:
        """POST one gzipped push body, signed now; return the status code and the JSON answer."""
        reader, writer = await self._connection()
        signature = sign_request(
            self.private_key,
            method="POST",
            path=PUSH_PATH,
            query="",
            body=gzipped_body,
            device_id=self.device_id,
            timestamp=int(time.time()),
        )
        head = [
            f"POST {PUSH_PATH} HTTP/1.1",
            f"Host: {urlsplit(self.base_url).netloc}",
            "Content-Type: application/json",
            "Content-Encoding: gzip",
            f"Content-Length: {len(gzipped_body)}",
            f"{HEADER_PROTOCOL}: {PROTOCOL_VERSION}",
            *(f"{name}: {value}" for name, value in signature.items()),
        ]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("ascii") + gzipped_body)
        await writer.drain()
        return await _read_response(reader)

    async def close(self) -> None:
        """Close the connection."""
        if self._writer is not None:
            self._writer.close()
            await self._writer.wait_closed()
            self._reader = self._writer = None


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, object]]:
    """Read one HTTP/1.1 answer with a Content-Length body (what uvicorn sends for JSON)."""
    status_line = await reader.readline()
    status = int(status_line.split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    body = await reader.readexactly(length)
    return status, json.loads(body)
