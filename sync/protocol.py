"""Kiosk ↔ county sync protocol v1: pydantic wire models and constants (pure, no I/O).

Shared by the kiosk's sync client and the county server (``county``).  Envelope models
(requests/responses) ignore unknown keys so later protocol-1 additions stay compatible;
payload models forbid unknown keys and bound every string (they are stored as filed).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

PROTOCOL_VERSION: Final = 1
SUPPORTED_PROTOCOLS: Final = (1,)

PUSH_PATH: Final = "/v1/push"
HEALTH_PATH: Final = "/v1/health"

MAX_BATCH_RECORDS: Final = 500
MAX_DEVICE_ID_LENGTH: Final = 64
# Largest request body the server accepts, after gzip decompression (HTTP 413 above it).
MAX_BODY_BYTES: Final = 32 * 1024 * 1024

UUID_PATTERN: Final = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
VOUCHER_PATTERN: Final = r"^[0-9A-Z]{12}$"

ERROR_PROTOCOL_UNSUPPORTED: Final = "protocol_unsupported"
PROTOCOL_UNSUPPORTED_ZH: Final = "请升级终端软件"
PROTOCOL_UNSUPPORTED_EN: Final = "Please update the kiosk software"

RecordKind = Literal["filing", "rating"]
RecordStatus = Literal["accepted", "duplicate", "rejected"]

RecordId = Annotated[
    str,
    Field(
        pattern=UUID_PATTERN,
        description="Canonical lower-case hyphenated UUID (str(uuid.uuid4())).",
        examples=["0b6e2f1c-8a4d-4c3e-9f7a-2d1e5b6c7a80"],
    ),
]
DeviceId = Annotated[str, Field(min_length=1, max_length=MAX_DEVICE_ID_LENGTH)]


def _require_offset(value: str) -> str:
    """Check that ``value`` is an ISO 8601 timestamp with a UTC offset."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("must be an ISO 8601 timestamp") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError("must carry a UTC offset (e.g. +08:00)")
    return value


IsoTimestamp = Annotated[
    str,
    Field(min_length=10, max_length=40, examples=["2024-05-01T09:30:00+08:00"]),
    AfterValidator(_require_offset),
]


class _Envelope(BaseModel):
    """Base for request/response models: unknown keys are ignored."""

    model_config = ConfigDict(extra="ignore")


class _Payload(BaseModel):
    """Base for record payloads: strict types, unknown keys forbidden."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Applicant(_Payload):
    """The person a filing is for."""

    name: str = Field(min_length=1, max_length=50)
    id_number: str = Field(max_length=18)
    phone: str = Field(max_length=20)


class FilingPayload(_Payload):
    """A citizen's filing (办事申请) as recorded by the kiosk."""

    id: RecordId
    service_code: str = Field(min_length=1, max_length=32)
    service_version: int = Field(ge=1)
    device_id: DeviceId
    device_seq: int = Field(ge=1)
    created_at: IsoTimestamp
    channel: Literal["self", "assisted"]
    voucher_code: str = Field(pattern=VOUCHER_PATTERN)
    applicant: Applicant
    answers: dict[
        Annotated[str, Field(min_length=1, max_length=64)],
        Annotated[str, Field(max_length=2000)],
    ] = Field(max_length=50)


class RatingPayload(_Payload):
    """A satisfaction rating (好差评) of one filing."""

    id: RecordId
    filing_id: RecordId
    level: int = Field(ge=1, le=5)
    reasons: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(max_length=10)
    comment: str = Field(max_length=300)
    callback_phone: str | None = Field(max_length=20)


PAYLOAD_MODELS: Final[Mapping[str, type[FilingPayload] | type[RatingPayload]]] = {
    "filing": FilingPayload,
    "rating": RatingPayload,
}


class OutboxRecord(_Envelope):
    """One queued kiosk record; ``id`` is also the idempotency key."""

    id: RecordId
    kind: RecordKind
    payload: dict[str, Any] = Field(
        description="A FilingPayload or RatingPayload (by kind); checked per record, not per request."
    )


class PushRequest(_Envelope):
    """Body of ``POST /v1/push`` (may be sent with ``Content-Encoding: gzip``)."""

    protocol: int = PROTOCOL_VERSION
    device_id: DeviceId
    records: list[OutboxRecord] = Field(min_length=1, max_length=MAX_BATCH_RECORDS)


class RecordResult(_Envelope):
    """Outcome for one pushed record."""

    id: str
    status: RecordStatus
    reason: str | None = None


class PushResponse(_Envelope):
    """Reply to ``POST /v1/push``: one result per record, in request order."""

    protocol: Literal[1] = PROTOCOL_VERSION
    results: list[RecordResult]


class HealthResponse(_Envelope):
    """Reply to ``GET /v1/health``."""

    protocol: Literal[1] = PROTOCOL_VERSION
    status: Literal["ok"] = "ok"


class ErrorDetail(_Envelope):
    """One problem found in a malformed request (never echoes the submitted values)."""

    loc: list[str | int]
    msg: str
    type: str


class ErrorResponse(_Envelope):
    """Body of every 4xx/5xx answer from the county server."""

    error: str
    message_en: str
    message_zh: str
    details: list[ErrorDetail] | None = None


class ProtocolUnsupportedResponse(_Envelope):
    """Body of HTTP 426: the request's ``protocol`` is not supported."""

    error: Literal["protocol_unsupported"] = ERROR_PROTOCOL_UNSUPPORTED
    message_zh: str = PROTOCOL_UNSUPPORTED_ZH
    message_en: str = PROTOCOL_UNSUPPORTED_EN
    supported: list[int] = Field(default_factory=lambda: list(SUPPORTED_PROTOCOLS))


def canonical_json(value: Any) -> str:
    """Serialise ``value`` canonically: sorted keys, no spaces, UTF-8 text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(*, kind: str, payload: Mapping[str, Any]) -> str:
    """Return the hex SHA-256 of a record's canonical ``{"kind", "payload"}`` JSON."""
    text = canonical_json({"kind": kind, "payload": payload})
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def describe_validation_error(error: ValidationError, *, limit: int = 5) -> str:
    """Summarise a pydantic error as ``loc: msg; ...`` without echoing input values."""
    parts = []
    problems = error.errors(include_url=False, include_input=False, include_context=False)
    for problem in problems[:limit]:
        loc = ".".join(str(part) for part in problem["loc"]) or "(root)"
        parts.append(f"{loc}: {problem['msg']}")
    if len(problems) > limit:
        parts.append(f"and {len(problems) - limit} more")
    return "; ".join(parts)


def payload_rejection(record: OutboxRecord) -> str | None:
    """Return why ``record``'s payload is invalid, or ``None`` when it is acceptable."""
    model = PAYLOAD_MODELS[record.kind]
    try:
        parsed = model.model_validate(record.payload)
    except ValidationError as error:
        return f"invalid {record.kind} payload: {describe_validation_error(error)}"
    if parsed.id != record.id:
        return "payload id does not match record id"
    return None
