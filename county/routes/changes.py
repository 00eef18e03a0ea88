"""GET /v1/changes (signed): this device's page of the change log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session, sessionmaker

from county.auth import SignedDevice
from county.changes import changes_page
from county.openapi import COMMON_ERRORS, PROTOCOL_PARAMETER, SIGNATURE_PARAMETERS, SIGNED_ERRORS
from county.routing import SignedRoute, signed_device
from sync.protocol import CHANGES_PATH, MAX_CHANGES_PER_PAGE, ChangesResponse

MAX_CURSOR = 2**31 - 1  # change_log.seq is a 32-bit integer on PostgreSQL
DEFAULT_PAGE = 100


def build_router(*, sessions: sessionmaker[Session]) -> APIRouter:
    """The pull endpoint."""
    router = APIRouter(route_class=SignedRoute, tags=["sync"])

    @router.get(
        CHANGES_PATH,
        response_model=ChangesResponse,
        responses={**SIGNED_ERRORS, **COMMON_ERRORS},
        openapi_extra={"parameters": [PROTOCOL_PARAMETER, *SIGNATURE_PARAMETERS]},
    )
    def changes(
        device: Annotated[SignedDevice, Depends(signed_device)],
        after: Annotated[int, Query(ge=0, le=MAX_CURSOR, description="next_cursor of the previous page")] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_CHANGES_PER_PAGE)] = DEFAULT_PAGE,
    ) -> ChangesResponse:
        """Changes for every device and for this one, in seq order after the cursor."""
        with sessions() as session:
            return changes_page(session, device_id=device.device_id, after=after, limit=limit)

    return router
