"""Request body decoding for pushes: size limit and ``Content-Encoding: gzip``."""

from __future__ import annotations

import zlib

from starlette.exceptions import HTTPException
from starlette.requests import Request

from sync.protocol import MAX_BODY_BYTES


class BodyError(HTTPException):
    """The request body cannot be read or decoded."""

    def __init__(self, status_code: int, *, error: str, message: str) -> None:
        """Remember the machine-readable ``error`` code next to the HTTP status."""
        super().__init__(status_code=status_code, detail=message)
        self.error = error


def gunzip(data: bytes, *, limit: int) -> bytes:
    """Decompress a (possibly multi-member) gzip stream, refusing more than ``limit`` bytes."""
    out = bytearray()
    while data:
        decoder = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            out += decoder.decompress(data, limit + 1 - len(out))
        except zlib.error:
            raise BodyError(400, error="invalid_gzip", message="request body is not valid gzip") from None
        if len(out) > limit or decoder.unconsumed_tail:
            raise BodyError(413, error="body_too_large", message=f"request body exceeds {limit} bytes")
        if not decoder.eof:
            raise BodyError(400, error="invalid_gzip", message="request body is truncated gzip")
        data = decoder.unused_data
    return bytes(out)


class DecodedBodyRequest(Request):
    """Request whose ``body()`` is size-limited and transparently un-gzipped."""

    async def body(self) -> bytes:
        """Return the decoded body (cached)."""
        if not hasattr(self, "_decoded_body"):
            raw = bytearray()
            async for chunk in self.stream():
                raw += chunk
                if len(raw) > MAX_BODY_BYTES:
                    raise BodyError(
                        413, error="body_too_large", message=f"request body exceeds {MAX_BODY_BYTES} bytes"
                    )
            encoding = self.headers.get("content-encoding", "identity").strip().lower()
            if encoding == "gzip":
                self._decoded_body = gunzip(bytes(raw), limit=MAX_BODY_BYTES)
            elif encoding in ("", "identity"):
                self._decoded_body = bytes(raw)
            else:
                raise BodyError(
                    415, error="unsupported_encoding", message=f"unsupported Content-Encoding {encoding!r}"
                )
        return self._decoded_body
