"""What the generated OpenAPI document needs beyond FastAPI's defaults: signature headers, payload models."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic.json_schema import models_json_schema

from sync.protocol import (
    HEADER_CONTENT_SHA256,
    HEADER_DEVICE,
    HEADER_NONCE,
    HEADER_PROTOCOL,
    HEADER_SERVER_TIME,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    MAX_DEVICE_ID_LENGTH,
    AttachmentStatus,
    AuthErrorResponse,
    ErrorResponse,
    FilingPayload,
    HelpRequestPayload,
    ProtocolUnsupportedResponse,
    RatingPayload,
)

_B64URL = "^[A-Za-z0-9_-]+$"

PROTOCOL_PARAMETER: dict[str, Any] = {
    "name": HEADER_PROTOCOL,
    "in": "header",
    "required": False,
    "description": "Protocol version of the client; another value is answered with 426.",
    "schema": {"type": "string", "enum": ["1"]},
}

SIGNATURE_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": HEADER_DEVICE,
        "in": "header",
        "required": True,
        "description": "The enrolled device that signs the request.",
        "schema": {"type": "string", "minLength": 1, "maxLength": MAX_DEVICE_ID_LENGTH},
    },
    {
        "name": HEADER_TIMESTAMP,
        "in": "header",
        "required": True,
        "description": "Unix seconds (server time as the device believes it); at most 300 s off.",
        "schema": {"type": "string", "pattern": "^[0-9]{1,12}$"},
    },
    {
        "name": HEADER_NONCE,
        "in": "header",
        "required": True,
        "description": "Random base64url; never repeated within 660 s.",
        "schema": {"type": "string", "minLength": 16, "maxLength": 64, "pattern": _B64URL},
    },
    {
        "name": HEADER_CONTENT_SHA256,
        "in": "header",
        "required": True,
        "description": "Unpadded base64url SHA-256 of the body bytes as sent.",
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{43}$"},
    },
    {
        "name": HEADER_SIGNATURE,
        "in": "header",
        "required": True,
        "description": "Ed25519 signature (base64url) of the canonical request (see sync/protocol/signing.py).",
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{86}$"},
    },
]


def error_doc(description: str, model: type = ErrorResponse) -> dict[str, Any]:
    """An OpenAPI response entry for an error status."""
    return {"model": model, "description": description}


BODY_ERRORS: dict[int | str, dict[str, Any]] = {
    400: error_doc("Body cannot be decoded (gzip) or is not valid JSON"),
    413: error_doc("Body too large"),
    415: error_doc("Unsupported Content-Encoding"),
}
COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    422: error_doc("Request does not match protocol v1"),
    426: error_doc("Protocol version not supported", ProtocolUnsupportedResponse),
    503: error_doc("Database temporarily unavailable; retry after Retry-After seconds"),
}
SIGNED_ERRORS: dict[int | str, dict[str, Any]] = {
    401: error_doc(
        "Signature missing, unknown device, stale timestamp, bad signature or replayed nonce",
        AuthErrorResponse,
    ),
    403: error_doc("Device revoked, or a device_id in the body is not the signer", AuthErrorResponse),
}


class OffsetMismatchResponse(ErrorResponse, AttachmentStatus):
    """Body of 409 offset_mismatch: an ErrorResponse that is also the current AttachmentStatus."""


def customise_openapi(app: FastAPI) -> None:
    """Publish the payload models and the X-Bianmin-Server-Time header of every answer."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        """FastAPI's document plus the payload models and the server-time header (built once)."""
        if app.openapi_schema is None:
            schema = generate()
            _, definitions = models_json_schema(
                [(model, "validation") for model in (FilingPayload, RatingPayload, HelpRequestPayload)],
                ref_template="#/components/schemas/{model}",
            )
            schema.setdefault("components", {}).setdefault("schemas", {}).update(definitions["$defs"])
            server_time = {
                "description": "The server's Unix time in seconds.",
                "required": True,
                "schema": {"type": "string", "pattern": "^[0-9]+$"},
            }
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    for response in operation.get("responses", {}).values():
                        response.setdefault("headers", {})[HEADER_SERVER_TIME] = server_time
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
