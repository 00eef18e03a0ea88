"""API errors as the protocol renders them: ``ErrorResponse`` bodies with zh and en messages."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from fastapi.responses import JSONResponse

from sync.protocol import ErrorDetail, ErrorResponse, ProtocolUnsupportedResponse


class ApiError(Exception):
    """A refusal with an HTTP status, a machine-readable code and a message in both languages."""

    def __init__(
        self,
        status: int,
        *,
        error: str,
        zh: str,
        en: str,
        extra: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Remember everything the response needs; ``extra`` keys are merged into the body."""
        super().__init__(f"{status} {error}: {en}")
        self.status = status
        self.error = error
        self.zh = zh
        self.en = en
        self.extra = dict(extra or {})
        self.headers = dict(headers or {})


class AuthError(ApiError):
    """A refused signed request (401/403); the body carries the server time."""

    def __init__(self, status: int, *, error: str, zh: str, en: str) -> None:
        """Stamp the refusal with the server's Unix time."""
        super().__init__(status, error=error, zh=zh, en=en, extra={"server_time": int(time.time())})


def error_response(
    status: int,
    *,
    error: str,
    zh: str,
    en: str,
    details: list[ErrorDetail] | None = None,
    extra: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """Build a JSON ``ErrorResponse`` (plus ``extra`` keys, e.g. an AttachmentStatus or server_time)."""
    body = ErrorResponse(error=error, message_zh=zh, message_en=en, details=details)
    content = {**dict(extra or {}), **body.model_dump(mode="json", exclude_none=True)}
    response = JSONResponse(content, status_code=status)
    response.headers.update(headers or {})
    return response


def api_error_response(exc: ApiError) -> JSONResponse:
    """Render an ``ApiError``."""
    return error_response(
        exc.status, error=exc.error, zh=exc.zh, en=exc.en, extra=exc.extra, headers=exc.headers
    )


def protocol_unsupported_response() -> JSONResponse:
    """HTTP 426 with ``ProtocolUnsupportedResponse``."""
    return JSONResponse(ProtocolUnsupportedResponse().model_dump(mode="json"), status_code=426)


def unsigned_error() -> AuthError:
    """401: a signature header is missing or malformed."""
    return AuthError(401, error="unsigned", zh="请求缺少有效的签名", en="request is not signed")
