"""POST /v1/enrol (unsigned: the one-time code is the credential)."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from sqlalchemy.orm import Session, sessionmaker

from county.clock import utc_now
from county.enrolment import check_enrol_request, enrol
from county.openapi import BODY_ERRORS, COMMON_ERRORS, PROTOCOL_PARAMETER, error_doc
from county.routing import ProtocolRoute
from county.transactions import in_transaction
from sync.protocol import ENROL_PATH, EnrolRequest, EnrolResponse

logger = logging.getLogger(__name__)


def build_router(*, sessions: sessionmaker[Session]) -> APIRouter:
    """The enrolment endpoint."""
    router = APIRouter(route_class=ProtocolRoute, tags=["enrolment"])

    @router.post(
        ENROL_PATH,
        status_code=201,
        response_model=EnrolResponse,
        responses={
            **BODY_ERRORS,
            404: error_doc("enrolment_code_unknown"),
            409: error_doc("enrolment_code_used, or device_exists (the id is registered with another key)"),
            410: error_doc("enrolment_code_expired"),
            **COMMON_ERRORS,
        },
        openapi_extra={"parameters": [PROTOCOL_PARAMETER]},
    )
    def enrol_device(body: EnrolRequest) -> EnrolResponse:
        """Register a device's public key with a one-time code; answer its site and the county config."""
        check_enrol_request(body)
        response = in_transaction(sessions, lambda session: enrol(session, body, now=utc_now()))
        logger.info("device %s enrolled at site %s", response.device_id, response.site)
        return response

    return router
