"""POST /v1/helpers/pin (signed): a helper chooses a PIN at a kiosk of their site with the one-time set-up code."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session, sessionmaker

from county.auth import SignedDevice
from county.clock import utc_now
from county.errors import ApiError
from county.helpers import HelperError, set_helper_pin
from county.openapi import (
    BODY_ERRORS,
    COMMON_ERRORS,
    PROTOCOL_PARAMETER,
    SIGNATURE_PARAMETERS,
    SIGNED_ERRORS,
    error_doc,
)
from county.routing import SignedRoute, signed_device
from county.transactions import in_transaction
from sync.protocol import HELPER_PIN_PATH, HelperChange, HelperPinSetup

logger = logging.getLogger(__name__)

# The status of each refusal; a wrong staff number and a wrong code are one answer (nothing to enumerate).
STATUS_OF = {
    "setup_code_wrong": 404,
    "setup_code_expired": 410,
    "helper_revoked": 409,
    "helper_other_site": 409,
}


def build_router(*, sessions: sessionmaker[Session]) -> APIRouter:
    """The helper PIN set-up endpoint."""
    router = APIRouter(route_class=SignedRoute, tags=["helpers"])

    @router.post(
        HELPER_PIN_PATH,
        response_model=HelperChange,
        responses={
            **BODY_ERRORS,
            **SIGNED_ERRORS,
            404: error_doc("setup_code_wrong (the staff number or the set-up code)"),
            409: error_doc("helper_revoked, or helper_other_site (not a helper of the device's site)"),
            410: error_doc("setup_code_expired"),
            **COMMON_ERRORS,
        },
        openapi_extra={"parameters": [PROTOCOL_PARAMETER, *SIGNATURE_PARAMETERS]},
    )
    def set_pin(
        body: HelperPinSetup, device: Annotated[SignedDevice, Depends(signed_device)]
    ) -> HelperChange:
        """Keep the verifier of the helper's new PIN; answer the helper as kiosks now learn them."""
        try:
            change = in_transaction(
                sessions,
                lambda session: set_helper_pin(
                    session,
                    staff_no=body.staff_no,
                    setup_code=body.setup_code,
                    verifier=body.pin_verifier,
                    site=device.site,
                    now=utc_now(),
                ),
            )
        except HelperError as exc:
            raise ApiError(STATUS_OF.get(exc.reason, 409), error=exc.reason, zh=exc.zh, en=exc.en) from None
        logger.info("helper %s chose a PIN at device %s", change.staff_no, device.device_id)
        return change

    return router
