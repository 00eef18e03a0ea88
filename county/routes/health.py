"""GET /v1/health (unsigned)."""

from __future__ import annotations

from fastapi import APIRouter

from county.openapi import PROTOCOL_PARAMETER
from county.routing import ProtocolRoute
from sync.protocol import HEALTH_PATH, HealthResponse, ProtocolUnsupportedResponse


def build_router() -> APIRouter:
    """The health endpoint."""
    router = APIRouter(route_class=ProtocolRoute, tags=["sync"])

    @router.get(
        HEALTH_PATH,
        response_model=HealthResponse,
        responses={
            426: {"model": ProtocolUnsupportedResponse, "description": "Protocol version not supported"}
        },
        openapi_extra={"parameters": [PROTOCOL_PARAMETER]},
    )
    def health() -> HealthResponse:
        """Liveness check."""
        return HealthResponse()

    return router
