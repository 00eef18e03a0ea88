"""POST /v1/push (signed): store records exactly once."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session, sessionmaker

from county.auth import SignedDevice, device_mismatch
from county.ingest import ingest
from county.openapi import BODY_ERRORS, COMMON_ERRORS, PROTOCOL_PARAMETER, SIGNATURE_PARAMETERS, SIGNED_ERRORS
from county.routing import SignedRoute, signed_device
from sync.protocol import PUSH_PATH, PushRequest, PushResponse


def build_router(*, sessions: sessionmaker[Session]) -> APIRouter:
    """The push endpoint."""
    router = APIRouter(route_class=SignedRoute, tags=["sync"])

    @router.post(
        PUSH_PATH,
        response_model=PushResponse,
        responses={**BODY_ERRORS, **SIGNED_ERRORS, **COMMON_ERRORS},
        openapi_extra={"parameters": [PROTOCOL_PARAMETER, *SIGNATURE_PARAMETERS]},
    )
    def push(body: PushRequest, device: Annotated[SignedDevice, Depends(signed_device)]) -> PushResponse:
        """Store new records exactly once; one result per record, in request order.

        The body may be sent with ``Content-Encoding: gzip``; ``device_id`` must be the signing device.
        """
        if body.device_id != device.device_id:
            raise device_mismatch()
        return PushResponse(results=ingest(sessions, body))

    return router
