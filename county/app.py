"""FastAPI application factory for the county server (sync protocol v1)."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from county.auth import RequestVerifier
from county.body import BodyError
from county.clock import unix_now
from county.db import create_county_engine
from county.errors import ApiError, api_error_response, error_response
from county.migrate import SchemaTooNewError, upgrade_to_head
from county.openapi import customise_openapi
from county.routes import attachments, changes, enrol, health, heartbeat, helpers, push
from sync.protocol import HEADER_SERVER_TIME, PROTOCOL_VERSION, ErrorDetail

logger = logging.getLogger(__name__)

DEFAULT_THREADS = 4
# How `county-server serve --workers N` hands its settings to the worker processes it spawns.
WORKER_DATABASE_ENV = "BIANMIN_COUNTY_WORKER_DATABASE_URL"
WORKER_THREADS_ENV = "BIANMIN_COUNTY_WORKER_THREADS"

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


class ServerTimeMiddleware:
    """Adds ``X-Bianmin-Server-Time`` (Unix seconds) to every answer."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap ``app``."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Stamp the response start of HTTP requests."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_time(message: Message) -> None:
            """Add the header to the response start."""
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[HEADER_SERVER_TIME] = str(unix_now())
            await send(message)

        await self.app(scope, receive, send_with_time)


def _status_error_code(status: int) -> str:
    """A machine-readable code from an HTTP status phrase (``Not Found`` -> ``not_found``)."""
    return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")


async def _on_api_error(_request: Request, exc: Exception) -> Response:
    """Render a protocol refusal."""
    assert isinstance(exc, ApiError)
    return api_error_response(exc)


async def _on_http_error(_request: Request, exc: Exception) -> Response:
    """Render HTTP errors (404, 405, body errors) as ``ErrorResponse``."""
    assert isinstance(exc, StarletteHTTPException)
    error = exc.error if isinstance(exc, BodyError) else _status_error_code(exc.status_code)
    return error_response(
        exc.status_code,
        error=error,
        zh=_ZH_MESSAGES.get(exc.status_code, "请求失败"),
        en=str(exc.detail),
        headers=exc.headers,
    )


async def _on_validation_error(_request: Request, exc: Exception) -> Response:
    """Render a malformed request as 422 ``ErrorResponse`` without echoing its values."""
    assert isinstance(exc, RequestValidationError)
    details = [
        ErrorDetail(loc=[p if isinstance(p, int) else str(p) for p in e["loc"]], msg=e["msg"], type=e["type"])
        for e in exc.errors()[:20]
    ]
    return error_response(
        422,
        error="invalid_request",
        zh=_ZH_MESSAGES[422],
        en="request does not match protocol v1",
        details=details,
    )


async def _on_database_unavailable(_request: Request, exc: Exception) -> Response:
    """Answer 503 when the database is unreachable or locked; the kiosk retries later."""
    logger.warning("database unavailable: %s", type(exc).__name__)
    return error_response(
        503,
        error="unavailable",
        zh=_ZH_MESSAGES[503],
        en="database temporarily unavailable, retry later",
        headers={"Retry-After": "5"},
    )


async def _on_unexpected_error(_request: Request, exc: Exception) -> Response:
    """Answer 500 as JSON (uvicorn still logs the traceback; SQL parameters are hidden)."""
    return error_response(
        500,
        error="internal_error",
        zh=_ZH_MESSAGES[500],
        en="internal server error",
        headers={HEADER_SERVER_TIME: str(unix_now())},  # this answer bypasses ServerTimeMiddleware
    )


def create_app(*, database_url: str, threads: int = DEFAULT_THREADS) -> FastAPI:
    """Build the county server app; the schema is migrated to head at start-up, the engine disposed at shutdown.

    ``threads`` bounds the blocking work (database, signatures) running at once in this process.
    """
    engine = create_county_engine(database_url, pool_size=threads)
    sessions = sessionmaker(engine, expire_on_commit=False)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        """Migrate before serving; dispose of the engine after."""
        try:
            try:
                revision = await run_in_threadpool(upgrade_to_head, engine)
            except SchemaTooNewError as error:
                logger.error("%s", error)
                raise
            logger.info("county database at schema revision %s", revision)
            # Few threads: more only queue for the GIL and the connection pool (measured: 4 beat 40).
            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
            yield
        finally:
            engine.dispose()

    app = FastAPI(
        title="Bianmin County Server",
        version=str(PROTOCOL_VERSION),
        description=(
            "Sync protocol v1 between township kiosks and the county: enrolment, signed push, "
            "attachments, pull and heartbeat (see sync/protocol/PROTOCOL.md)."
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.verifier = RequestVerifier(engine)
    app.add_middleware(ServerTimeMiddleware)
    app.exception_handler(ApiError)(_on_api_error)
    app.exception_handler(StarletteHTTPException)(_on_http_error)
    app.exception_handler(RequestValidationError)(_on_validation_error)
    app.exception_handler(OperationalError)(_on_database_unavailable)
    app.exception_handler(Exception)(_on_unexpected_error)

    app.include_router(health.build_router())
    app.include_router(enrol.build_router(sessions=sessions))
    app.include_router(push.build_router(sessions=sessions))
    app.include_router(attachments.build_router(sessions=sessions))
    app.include_router(changes.build_router(sessions=sessions))
    app.include_router(heartbeat.build_router(sessions=sessions))
    app.include_router(helpers.build_router(sessions=sessions))
    customise_openapi(app)
    return app


def app_for_worker() -> FastAPI:
    """Factory that each worker process of ``county-server serve --workers N`` calls (settings from env)."""
    return create_app(
        database_url=os.environ[WORKER_DATABASE_ENV],
        threads=int(os.environ.get(WORKER_THREADS_ENV, DEFAULT_THREADS)),
    )
