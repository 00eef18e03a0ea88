"""FastAPI application factory for the county server (sync protocol v1)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic.json_schema import models_json_schema
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from county.body import BodyError, DecodedBodyRequest
from county.db import create_county_engine, create_schema
from county.ingest import engine_sessions, ingest
from sync.protocol import (
    HEALTH_PATH,
    PROTOCOL_VERSION,
    PUSH_PATH,
    SUPPORTED_PROTOCOLS,
    ErrorDetail,
    ErrorResponse,
    FilingPayload,
    HealthResponse,
    ProtocolUnsupportedResponse,
    PushRequest,
    PushResponse,
    RatingPayload,
)

logger = logging.getLogger(__name__)

_MISSING = object()
_ZH_MESSAGES = {
    400: "请求格式错误",
    404: "地址不存在",
    405: "请求方法不支持",
    413: "请求内容过大",
    415: "请求编码不支持",
    422: "请求内容不符合协议",
    500: "服务器内部错误",
    503: "服务暂时不可用，请稍后重试",
}


def _error(status: int, *, error: str | None = None, message: str, details: Any = None) -> JSONResponse:
    """Build a JSON ``ErrorResponse``."""
    body = ErrorResponse(
        error=error or HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_"),
        message_en=message,
        message_zh=_ZH_MESSAGES.get(status, "请求失败"),
        details=details,
    )
    return JSONResponse(body.model_dump(mode="json", exclude_none=True), status_code=status)


def _protocol_unsupported(document: Any) -> bool:
    """Tell whether a parsed body names a protocol other than the supported ones."""
    protocol = document.get("protocol", _MISSING) if isinstance(document, dict) else _MISSING
    if protocol is _MISSING:
        return False
    return type(protocol) is not int or protocol not in SUPPORTED_PROTOCOLS


class _PushRoute(APIRoute):
    """Route that un-gzips the body and answers 426 before validating the request shape."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """Wrap FastAPI's handler with body decoding and the protocol check."""
        handler = super().get_route_handler()

        async def decoded_handler(request: Request) -> Response:
            request = DecodedBodyRequest(request.scope, request.receive)
            try:
                document = await request.json()
            except (ValueError, RecursionError):
                return _error(400, error="invalid_json", message="request body is not valid JSON")
            if _protocol_unsupported(document):
                unsupported = ProtocolUnsupportedResponse()
                return JSONResponse(unsupported.model_dump(mode="json"), status_code=426)
            return await handler(request)

        return decoded_handler


async def _on_http_error(_request: Request, exc: Exception) -> Response:
    """Render HTTP errors as ``ErrorResponse``."""
    assert isinstance(exc, StarletteHTTPException)
    error = exc.error if isinstance(exc, BodyError) else None
    response = _error(exc.status_code, error=error, message=str(exc.detail))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _on_validation_error(_request: Request, exc: Exception) -> Response:
    """Render a malformed request as 422 ``ErrorResponse`` without echoing its values."""
    assert isinstance(exc, RequestValidationError)
    details = [
        ErrorDetail(
            loc=[str(p) if not isinstance(p, int) else p for p in e["loc"]], msg=e["msg"], type=e["type"]
        )
        for e in exc.errors()[:20]
    ]
    return _error(422, error="invalid_request", message="request does not match protocol v1", details=details)


async def _on_database_unavailable(_request: Request, exc: Exception) -> Response:
    """Answer 503 when the database is unreachable or locked; the kiosk retries later."""
    logger.warning("database unavailable: %s", type(exc).__name__)
    response = _error(503, error="unavailable", message="database temporarily unavailable, retry later")
    response.headers["Retry-After"] = "5"
    return response


async def _on_unexpected_error(_request: Request, exc: Exception) -> Response:
    """Answer 500 as JSON (uvicorn still logs the traceback; SQL parameters are hidden)."""
    return _error(500, error="internal_error", message="internal server error")


def _error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the listed error status codes."""
    responses: dict[int | str, dict[str, Any]] = {code: {"model": ErrorResponse} for code in codes}
    return responses


def _add_payload_schemas(app: FastAPI) -> None:
    """Publish the payload models in the OpenAPI components (``payload`` is a plain object)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            _, definitions = models_json_schema(
                [(FilingPayload, "validation"), (RatingPayload, "validation")],
                ref_template="#/components/schemas/{model}",
            )
            schema.setdefault("components", {}).setdefault("schemas", {}).update(definitions["$defs"])
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(*, database_url: str) -> FastAPI:
    """Build the county server app; the schema is created at start-up, the engine disposed at shutdown."""
    engine = create_county_engine(database_url)
    sessions = engine_sessions(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(create_schema, engine)
        try:
            yield
        finally:
            engine.dispose()

    app = FastAPI(
        title="Bianmin County Server",
        version=str(PROTOCOL_VERSION),
        description="Receives filings and ratings pushed by township kiosks (sync protocol v1).",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.exception_handler(StarletteHTTPException)(_on_http_error)
    app.exception_handler(RequestValidationError)(_on_validation_error)
    app.exception_handler(OperationalError)(_on_database_unavailable)
    app.exception_handler(Exception)(_on_unexpected_error)

    @app.get(HEALTH_PATH, response_model=HealthResponse, tags=["sync"])
    def health() -> HealthResponse:
        """Liveness check."""
        return HealthResponse()

    push_router = APIRouter(route_class=_PushRoute)

    @push_router.post(
        PUSH_PATH,
        response_model=PushResponse,
        tags=["sync"],
        responses={
            **_error_responses(400, 413, 415, 422, 503),
            426: {"model": ProtocolUnsupportedResponse, "description": "Protocol version not supported"},
        },
    )
    def push(body: PushRequest) -> PushResponse:
        """Store new records exactly once; one result per record, in request order.

        The body may be sent with ``Content-Encoding: gzip``.
        """
        return PushResponse(results=ingest(sessions, body))

    app.include_router(push_router)
    _add_payload_schemas(app)
    return app
