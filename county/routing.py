"""Route classes: decode the body, answer 426 for another protocol, verify signatures, all before validation."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, ClassVar

from fastapi import Request
from fastapi.responses import Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from county.auth import RequestVerifier, SignedDevice
from county.body import DecodedBodyRequest
from county.errors import protocol_unsupported_response
from sync.protocol import HEADER_PROTOCOL, SUPPORTED_PROTOCOLS

_MISSING = object()
_JSON_METHODS = frozenset({"POST", "PUT"})


def header_protocol_supported(value: str | None) -> bool:
    """Tell whether an ``X-Bianmin-Protocol`` header (absent is fine) names a supported protocol."""
    if value is None:
        return True
    text = value.strip()
    return text.isascii() and text.isdigit() and int(text) in SUPPORTED_PROTOCOLS


def body_protocol_supported(document: Any) -> bool:
    """Tell whether a parsed body's ``protocol`` (absent is fine) is a supported one."""
    protocol = document.get("protocol", _MISSING) if isinstance(document, dict) else _MISSING
    if protocol is _MISSING:
        return True
    return type(protocol) is int and protocol in SUPPORTED_PROTOCOLS


def signed_device(request: Request) -> SignedDevice:
    """Dependency: the device that signed this request (set by ``SignedRoute``)."""
    device: SignedDevice = request.state.signed_device
    return device


class ProtocolRoute(APIRoute):
    """Route that un-gzips the body and answers 426 before anything else looks at the request."""

    signed: ClassVar[bool] = False

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """Wrap FastAPI's handler with body decoding, the protocol check and (if signed) verification."""
        handler = super().get_route_handler()
        expects_json = bool((self.methods or set()) & _JSON_METHODS)
        signed = self.signed

        async def protocol_handler(request: Request) -> Response:
            """426, then (if signed) 401/403, then FastAPI's own validation and the endpoint."""
            request = DecodedBodyRequest(request.scope, request.receive)
            if not header_protocol_supported(request.headers.get(HEADER_PROTOCOL)):
                return protocol_unsupported_response()
            if expects_json and not body_protocol_supported(await request.json()):
                return protocol_unsupported_response()
            if signed:
                verifier: RequestVerifier = request.app.state.verifier
                raw_path = request.scope.get("raw_path") or request.scope["path"].encode("utf-8")
                request.state.signed_device = await run_in_threadpool(
                    verifier.verify,
                    method=request.method,
                    path=raw_path.decode("latin-1"),
                    query=request.scope.get("query_string", b"").decode("latin-1"),
                    headers=request.headers,
                    body=await request.raw_body(),
                )
            return await handler(request)

        return protocol_handler


class SignedRoute(ProtocolRoute):
    """A ``ProtocolRoute`` that also requires a valid device signature (401/403 otherwise)."""

    signed = True
