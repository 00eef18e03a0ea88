"""GET/PUT/PATCH /v1/attachments/{sha256} (signed): resumable, content-addressed uploads."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from county.attachments import (
    Appended,
    append_chunk,
    get_status,
    hash_mismatch,
    sealed_unopenable,
    start_upload,
)
from county.clock import utc_now
from county.errors import ApiError
from county.openapi import (
    BODY_ERRORS,
    COMMON_ERRORS,
    PROTOCOL_PARAMETER,
    SIGNATURE_PARAMETERS,
    SIGNED_ERRORS,
    OffsetMismatchResponse,
    error_doc,
)
from county.routing import SignedRoute
from county.transactions import in_transaction
from sync.protocol import (
    ATTACHMENTS_PATH,
    MAX_ATTACHMENT_BYTES,
    MAX_CHUNK_BYTES,
    SHA256_PATTERN,
    AttachmentStart,
    AttachmentStatus,
)

Sha256 = Annotated[str, Path(pattern=SHA256_PATTERN, description="Hex SHA-256 of the whole file")]
PARAMETERS = {"parameters": [PROTOCOL_PARAMETER, *SIGNATURE_PARAMETERS]}
CHUNK_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/octet-stream": {
                "schema": {"type": "string", "format": "binary", "minLength": 1, "maxLength": MAX_CHUNK_BYTES}
            }
        },
    }
}


def build_router(*, sessions: sessionmaker[Session]) -> APIRouter:
    """The attachment endpoints (SignedRoute has verified the signer before they run)."""
    router = APIRouter(route_class=SignedRoute, tags=["attachments"])
    path = ATTACHMENTS_PATH + "/{sha256}"

    @router.get(
        path,
        response_model=AttachmentStatus,
        responses={404: error_doc("attachment_unknown"), **SIGNED_ERRORS, **COMMON_ERRORS},
        openapi_extra=PARAMETERS,
    )
    def attachment_status(sha256: Sha256) -> AttachmentStatus:
        """How much of the file the server holds."""
        with sessions() as session:
            return get_status(session, sha256)

    @router.put(
        path,
        response_model=AttachmentStatus,
        responses={
            **BODY_ERRORS,
            409: error_doc("attachment_size_mismatch: this hash was started with another size or sealing"),
            **SIGNED_ERRORS,
            **COMMON_ERRORS,
        },
        openapi_extra=PARAMETERS,
    )
    def start_attachment(sha256: Sha256, body: AttachmentStart) -> AttachmentStatus:
        """Create the upload, or return the existing one unchanged."""
        return in_transaction(sessions, lambda session: start_upload(session, sha256, body, now=utc_now()))

    @router.patch(
        path,
        response_model=AttachmentStatus,
        responses={
            **BODY_ERRORS,
            404: error_doc("attachment_unknown: PUT it first"),
            409: {"model": OffsetMismatchResponse, "description": "offset_mismatch: continue from received"},
            413: error_doc("chunk_too_large: more than 256 KiB"),
            **SIGNED_ERRORS,
            **COMMON_ERRORS,
            422: error_doc(
                "attachment_hash_mismatch (the bytes were discarded: upload again from 0), "
                "sealed_attachment_unopenable (a sealed upload did not open with the county's key: discarded), "
                "chunk_exceeds_size, empty_chunk, or a malformed request"
            ),
        },
        openapi_extra={**PARAMETERS, **CHUNK_BODY},
    )
    async def upload_chunk(
        request: Request,
        sha256: Sha256,
        offset: Annotated[int, Query(ge=0, le=MAX_ATTACHMENT_BYTES, description="bytes received so far")],
    ) -> AttachmentStatus:
        """Append 1 byte to 256 KiB at ``offset``; the last chunk is verified against the SHA-256 (422 if wrong)."""
        data = await request.body()
        if len(data) > MAX_CHUNK_BYTES:
            raise ApiError(
                413,
                error="chunk_too_large",
                zh="单次上传的字节过多",
                en=f"a chunk carries at most {MAX_CHUNK_BYTES} bytes",
            )

        def work(session: Session) -> tuple[Appended, AttachmentStatus]:
            """Append in one transaction and read the resulting status."""
            outcome = append_chunk(session, sha256, offset=offset, data=data, now=utc_now())
            return outcome, get_status(session, sha256)

        outcome, status = await run_in_threadpool(in_transaction, sessions, work)
        if outcome is Appended.HASH_MISMATCH:
            raise hash_mismatch()
        if outcome is Appended.UNOPENABLE:
            raise sealed_unopenable()
        return status

    return router
