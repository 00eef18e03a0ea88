"""Request body decoding: size limit, ``Content-Encoding: gzip`` and strict JSON."""

from __future__ import annotations

import json
import re
import zlib
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request

from sync.protocol import MAX_BODY_BYTES

# Deeper documents are refused: the protocol never nests more than a few levels.
MAX_JSON_DEPTH = 64
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


class JsonError(ValueError):
    """A document is not strict protocol JSON."""


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


def _refuse_constant(name: str) -> Any:
    """``json.loads`` hook: NaN and Infinity are not JSON."""
    raise JsonError("is not valid JSON")


def _check_document(document: Any, *, check_strings: bool) -> None:
    """Refuse documents nested deeper than MAX_JSON_DEPTH or holding lone UTF-16 surrogates."""
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = [*value.keys(), *value.values()] if check_strings else list(value.values())
        elif isinstance(value, list):
            children = value
        else:
            if check_strings and isinstance(value, str):
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    raise JsonError("holds an unpaired UTF-16 surrogate") from None
            continue
        if depth > MAX_JSON_DEPTH:
            raise JsonError(f"nests deeper than {MAX_JSON_DEPTH} levels")
        stack.extend((child, depth + 1) for child in children)


def parse_json(body: bytes) -> Any:
    """Parse UTF-8 JSON strictly (no NaN/Infinity, bounded depth, no lone surrogates); JsonError if not."""
    try:
        document = json.loads(body.decode("utf-8"), parse_constant=_refuse_constant)
    except JsonError:
        raise
    except (ValueError, RecursionError):
        raise JsonError("is not valid JSON") from None
    _check_document(document, check_strings=_SURROGATE_ESCAPE.search(body) is not None)
    return document


class DecodedBodyRequest(Request):
    """Request whose ``body()`` is size-limited and transparently un-gzipped; ``raw_body()`` is as sent."""

    async def raw_body(self) -> bytes:
        """Return the body bytes exactly as received (cached; what a signature covers)."""
        if not hasattr(self, "_raw_body"):
            raw = bytearray()
            try:
                async for chunk in self.stream():
                    raw += chunk
                    if len(raw) > MAX_BODY_BYTES:
                        raise BodyError(
                            413,
                            error="body_too_large",
                            message=f"request body exceeds {MAX_BODY_BYTES} bytes",
                        )
            except ClientDisconnect:
                # Nothing was stored; the answer goes nowhere, but the log stays free of tracebacks.
                raise BodyError(
                    400, error="client_disconnected", message="request body was cut off"
                ) from None
            self._raw_body = bytes(raw)
        return self._raw_body

    async def body(self) -> bytes:
        """Return the decoded body (cached)."""
        if not hasattr(self, "_decoded_body"):
            raw = await self.raw_body()
            encoding = self.headers.get("content-encoding", "identity").strip().lower()
            if encoding == "gzip":
                self._decoded_body = gunzip(raw, limit=MAX_BODY_BYTES)
            elif encoding in ("", "identity"):
                self._decoded_body = raw
            else:
                raise BodyError(415, error="unsupported_encoding", message="unsupported Content-Encoding")
        return self._decoded_body

    async def json(self) -> Any:
        """Return the body parsed as strict JSON (cached)."""
        if not hasattr(self, "_json"):
            try:
                self._json = parse_json(await self.body())
            except JsonError as error:
                raise BodyError(400, error="invalid_json", message=f"request body {error}") from None
        return self._json
