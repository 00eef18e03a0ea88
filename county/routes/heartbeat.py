"""POST /v1/heartbeat (signed): keep the device's latest health report."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session, sessionmaker

from county.auth import SignedDevice, device_mismatch
from county.clock import unix_now, utc_now
from county.devices import record_heartbeat
from county.openapi import BODY_ERRORS, COMMON_ERRORS, PROTOCOL_PARAMETER, SIGNATURE_PARAMETERS, SIGNED_ERRORS
from county.routing import SignedRoute, signed_device
from county.transactions import in_transaction
from sync.protocol import HEARTBEAT_PATH, Heartbeat, HeartbeatResponse


def build_router(*, sessions: sessionmaker[Session]) -> APIRouter:
    """The heartbeat endpoint."""
    router = APIRouter(route_class=SignedRoute, tags=["sync"])

    @router.post(
        HEARTBEAT_PATH,
        response_model=HeartbeatResponse,
        responses={**BODY_ERRORS, **SIGNED_ERRORS, **COMMON_ERRORS},
        openapi_extra={"parameters": [PROTOCOL_PARAMETER, *SIGNATURE_PARAMETERS]},
    )
    def heartbeat(
        body: Heartbeat, device: Annotated[SignedDevice, Depends(signed_device)]
    ) -> HeartbeatResponse:
        """Store the heartbeat as the device's latest; answer the server time."""
        if body.device_id != device.device_id:
            raise device_mismatch()
        in_transaction(
            sessions,
            lambda session: record_heartbeat(
                session, device_id=device.device_id, heartbeat=body, now=utc_now()
            ),
        )
        return HeartbeatResponse(server_time=unix_now())

    return router
