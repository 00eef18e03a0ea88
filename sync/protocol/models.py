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
from typing import Annotated, Any, Final, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

PROTOCOL_VERSION: Final = 1
SUPPORTED_PROTOCOLS: Final = (1,)

PUSH_PATH: Final = "/v1/push"
HEALTH_PATH: Final = "/v1/health"
ENROL_PATH: Final = "/v1/enrol"
CHANGES_PATH: Final = "/v1/changes"
HEARTBEAT_PATH: Final = "/v1/heartbeat"
ATTACHMENTS_PATH: Final = "/v1/attachments"  # + "/{sha256}"
HELPER_PIN_PATH: Final = "/v1/helpers/pin"

MAX_ATTACHMENT_BYTES: Final = 20 * 1024 * 1024
MAX_CHUNK_BYTES: Final = 256 * 1024
MAX_CHANGES_PER_PAGE: Final = 500
SHA256_PATTERN: Final = r"^[0-9a-f]{64}$"

MAX_BATCH_RECORDS: Final = 500
MAX_SEALED_PAYLOAD_CHARS: Final = 256 * 1024
SEALED_BOX_OVERHEAD: Final = 61  # sync.protocol.sealed_box.SEALED_OVERHEAD
SEALING_KEY_PATTERN: Final = r"^[A-Za-z0-9_-]{43}$"
ERROR_SEALED_UNOPENABLE: Final = "sealed_attachment_unopenable"  # 422: the bytes were discarded
MAX_DEVICE_ID_LENGTH: Final = 64
# Largest request body the server accepts, after gzip decompression (HTTP 413 above it).
MAX_BODY_BYTES: Final = 32 * 1024 * 1024

UUID_PATTERN: Final = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
VOUCHER_PATTERN: Final = r"^[0-9A-Z]{12}$"
STAFF_NO_PATTERN: Final = r"^[0-9A-Za-z-]{1,20}$"
B64URL_PATTERN: Final = r"^[0-9A-Za-z_-]+$"

ERROR_PROTOCOL_UNSUPPORTED: Final = "protocol_unsupported"
PROTOCOL_UNSUPPORTED_ZH: Final = "请升级终端软件"
PROTOCOL_UNSUPPORTED_EN: Final = "Please update the kiosk software"

RecordKind = Literal["filing", "rating", "help_request"]
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


ConsentMethod = Literal["signature", "paper_photo", "oral_witnessed"]
CONSENT_METHODS: Final[tuple[ConsentMethod, ...]] = ("signature", "paper_photo", "oral_witnessed")


class AssistedFiling(_Payload):
    """Who filed for the applicant (帮办) and the applicant's consent on record: a finger signature or a
    photo of a signed paper form (`consent_evidence_sha256`, an attachment of the filing), or an oral consent
    declared by the helper with a second person present (`consent_witness`, their name)."""

    helper_staff_no: str = Field(pattern=STAFF_NO_PATTERN)
    consent_method: ConsentMethod
    consent_at: IsoTimestamp
    consent_evidence_sha256: str | None = Field(default=None, pattern=SHA256_PATTERN)
    consent_witness: str | None = Field(default=None, min_length=1, max_length=50)

    @model_validator(mode="after")
    def _evidence_fits_the_method(self) -> AssistedFiling:
        if self.consent_method == "oral_witnessed":
            if self.consent_witness is None or self.consent_evidence_sha256 is not None:
                raise ValueError("an oral consent names its witness and has no evidence file")
        elif self.consent_evidence_sha256 is None or self.consent_witness is not None:
            raise ValueError("a signed consent has its evidence file and no witness")
        return self


class FilingPayload(_Payload):
    """A citizen's filing (办事申请) as recorded by the kiosk: by the citizen (`channel` self), or by a village
    helper for them with their consent (`channel` assisted, with `assisted`)."""

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
    attachments: list[Annotated[str, Field(pattern=SHA256_PATTERN)]] = Field(
        default_factory=list,
        max_length=20,
        description="SHA-256 (hex) of each attached file; uploaded through /v1/attachments before the filing.",
    )
    assisted: AssistedFiling | None = None

    @model_validator(mode="after")
    def _assisted_only_with_its_consent(self) -> FilingPayload:
        if (self.channel == "assisted") != (self.assisted is not None):
            raise ValueError("an assisted filing, and only one, says who filed it and with what consent")
        evidence = self.assisted.consent_evidence_sha256 if self.assisted is not None else None
        if evidence is not None and evidence not in self.attachments:
            raise ValueError("the consent evidence is one of the filing's attachments")
        return self


class RatingPayload(_Payload):
    """A satisfaction rating (好差评): of one filing (一事一评), or of a counter service (一次一评).

    Exactly one subject: `filing_id` for a filing, `service_code` for a service at a window. A window rating
    may name its counter (`window_no`, 1–3 digits) and the member of staff (`staff_no`, 3–10 digits); older
    kiosks send neither, and a filing's rating has no counter.
    """

    id: RecordId
    filing_id: RecordId | None = None
    service_code: str | None = Field(default=None, min_length=1, max_length=32)
    level: int = Field(ge=1, le=5)
    reasons: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(max_length=10)
    comment: str = Field(max_length=300)
    callback_phone: str | None = Field(max_length=20)
    window_no: str | None = Field(default=None, pattern=r"^[0-9]{1,3}$")
    staff_no: str | None = Field(default=None, pattern=r"^[0-9]{3,10}$")
    given_by: Literal["citizen", "citizen_after_handover"] = Field(
        default="citizen",
        description="citizen_after_handover: after an assisted filing, the helper handed the screen to the "
        "applicant, who confirmed with the last four characters of their ID number (a helper never rates).",
    )

    @model_validator(mode="after")
    def _exactly_one_subject(self) -> RatingPayload:
        """A rating is of a filing or of a window service, never both, never neither; only a window has a counter."""
        if (self.filing_id is None) == (self.service_code is None):
            raise ValueError("exactly one of filing_id and service_code must be given")
        if self.service_code is None and (self.window_no is not None or self.staff_no is not None):
            raise ValueError("window_no and staff_no belong to a window service rating only")
        if self.staff_no is not None and self.window_no is None:
            raise ValueError("staff_no needs the window_no of the counter")
        return self


HelpReason = Literal["cannot_find_service", "form_trouble", "printer", "other"]
HELP_REASONS: Final[tuple[str, ...]] = get_args(HelpReason)
SCREEN_PATTERN: Final = r"^[A-Za-z][A-Za-z0-9_./-]{0,63}$"


class HelpRequestPayload(_Payload):
    """A citizen's call for help (求助) at a terminal: where they were stuck, never who they are."""

    id: RecordId
    device_id: DeviceId
    created_at: IsoTimestamp
    screen: str = Field(
        pattern=SCREEN_PATTERN, description="The screen the citizen was on (an identifier, never free text)."
    )
    reason: HelpReason | None = Field(description="What the citizen chose, if anything.")
    channel: Literal["self", "assisted"]


PAYLOAD_MODELS: Final[Mapping[str, type[FilingPayload] | type[RatingPayload] | type[HelpRequestPayload]]] = {
    "filing": FilingPayload,
    "rating": RatingPayload,
    "help_request": HelpRequestPayload,
}


class OutboxRecord(_Envelope):
    """One queued kiosk record; ``id`` is also the idempotency key."""

    id: RecordId
    kind: RecordKind
    payload: dict[str, Any] = Field(
        description="A FilingPayload, RatingPayload or HelpRequestPayload (by kind); checked per record, "
        "not per request. Empty when the record is `sealed`."
    )
    sealed: str | None = Field(
        default=None,
        max_length=MAX_SEALED_PAYLOAD_CHARS,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="A helper laptop's payload sealed to the county's `sealing_public_key` (unpadded "
        "base64url of sync.protocol.sealed_box, the record's id and kind as associated data); the county "
        "opens it and treats the opened JSON object as `payload`. A box that does not open is rejected.",
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


# --- errors every endpoint may answer -------------------------------------------------------------

ERROR_UNSIGNED: Final = "unsigned"
ERROR_UNKNOWN_DEVICE: Final = "unknown_device"
ERROR_SIGNATURE_INVALID: Final = "signature_invalid"
ERROR_STALE_TIMESTAMP: Final = "stale_timestamp"
ERROR_NONCE_REPLAYED: Final = "nonce_replayed"
ERROR_DEVICE_REVOKED: Final = "device_revoked"
ERROR_DEVICE_MISMATCH: Final = "device_mismatch"
ERROR_RATE_LIMITED: Final = "rate_limited"


class AuthErrorResponse(ErrorResponse):
    """Body of 401/403 answers to signed requests; `server_time` lets a kiosk correct its clock."""

    server_time: int = Field(description="The server's Unix time in seconds when it answered.")


# --- enrolment ------------------------------------------------------------------------------------

ERROR_CODE_UNKNOWN: Final = "enrolment_code_unknown"  # 404
ERROR_CODE_USED: Final = "enrolment_code_used"  # 409
ERROR_CODE_EXPIRED: Final = "enrolment_code_expired"  # 410
ERROR_DEVICE_EXISTS: Final = "device_exists"  # 409


class CountyConfig(_Envelope):
    """What the county tells its kiosks (at enrolment and through pull)."""

    county_name: str = Field(default="", max_length=100)
    push_interval_s: int = Field(default=60, ge=5, le=3600)
    pull_interval_s: int = Field(default=300, ge=10, le=86400)
    heartbeat_interval_s: int = Field(default=300, ge=10, le=86400)
    batch_size: int = Field(default=100, ge=1, le=MAX_BATCH_RECORDS)
    pii_retention_days: int = Field(default=30, ge=1, le=3650)
    consent_methods: list[ConsentMethod] = Field(
        default_factory=lambda: list(CONSENT_METHODS),
        min_length=1,
        max_length=3,
        description="How a resident may consent to an assisted filing (帮办), in the order offered.",
    )
    staff_card_public_key: str | None = Field(
        default=None,
        min_length=43,
        max_length=44,
        pattern=B64URL_PATTERN,
        description="The county's Ed25519 staff-card key (raw, base64url): kiosks check helpers' card QRs with "
        "it. Set by the county itself (county-server helper card), never by set-config.",
    )
    sealing_public_key: str | None = Field(
        default=None,
        pattern=SEALING_KEY_PATTERN,
        description="The county's X25519 public key (raw, unpadded base64url): helper laptops seal every "
        "payload and photo to it. Set by the county itself, never by set-config.",
    )


class EnrolRequest(_Envelope):
    """Body of `POST /v1/enrol` (unsigned: the one-time code is the credential)."""

    protocol: int = PROTOCOL_VERSION
    code: str = Field(min_length=4, max_length=32)
    device_id: DeviceId = Field(description="The id the kiosk made for itself at first start (UUIDv7).")
    public_key: str = Field(min_length=43, max_length=44, description="Raw Ed25519 public key, base64url.")
    device_name: str = Field(min_length=1, max_length=64)
    app_version: str = Field(min_length=1, max_length=32)


class EnrolResponse(_Envelope):
    """Reply to a successful enrolment."""

    protocol: Literal[1] = PROTOCOL_VERSION
    device_id: DeviceId
    site: str
    config: CountyConfig
    server_time: int


# --- attachments ----------------------------------------------------------------------------------

ERROR_OFFSET_MISMATCH: Final = "offset_mismatch"  # 409, body is an AttachmentStatus
ERROR_HASH_MISMATCH: Final = "attachment_hash_mismatch"  # 422, the upload starts again from 0


class AttachmentStart(_Envelope):
    """Body of `PUT /v1/attachments/{sha256}`: announce a file before sending its chunks."""

    protocol: int = PROTOCOL_VERSION
    size: int = Field(
        ge=1,
        le=MAX_ATTACHMENT_BYTES + SEALED_BOX_OVERHEAD,
        description="Bytes that will be sent: the file's size, or the sealed box's when `sealed`.",
    )
    media_type: str = Field(min_length=3, max_length=64, pattern=r"^[a-z]+/[a-z0-9.+-]+$")
    sealed: bool = Field(
        default=False,
        description="The bytes are the file sealed to the county (a helper laptop): the county opens them "
        "once all have arrived, checks the SHA-256 of what it opened, and keeps only that.",
    )

    @model_validator(mode="after")
    def _size_fits(self) -> AttachmentStart:
        """A file is at most MAX_ATTACHMENT_BYTES; its sealed box that plus the box's overhead."""
        if self.size > MAX_ATTACHMENT_BYTES + (SEALED_BOX_OVERHEAD if self.sealed else 0):
            raise ValueError("size is larger than an attachment may be")
        return self


class AttachmentStatus(_Envelope):
    """How much of a file the server holds; `complete` only after its SHA-256 was verified."""

    protocol: Literal[1] = PROTOCOL_VERSION
    sha256: str = Field(pattern=SHA256_PATTERN)
    size: int
    received: int
    complete: bool


# --- pull -----------------------------------------------------------------------------------------

ChangeType = Literal["catalog", "filing_status", "config", "voucher_revoked", "device_key", "helper"]


class FilingStatusChange(_Envelope):
    """`data` of a filing_status change: the county's verdict on one of this kiosk's filings."""

    filing_id: RecordId
    status: str = Field(min_length=1, max_length=32)
    note: str = Field(default="", max_length=500)
    changed_at: IsoTimestamp


class VoucherRevokedChange(_Envelope):
    """`data` of a voucher_revoked change."""

    voucher_code: str = Field(pattern=VOUCHER_PATTERN)
    reason: str = Field(default="", max_length=200)


class DeviceKeyChange(_Envelope):
    """`data` of a device_key change: a kiosk of the county whose signed vouchers every kiosk can check."""

    device_id: DeviceId
    public_key: str = Field(min_length=43, max_length=44, description="Raw Ed25519 public key, base64url.")
    site: str = Field(max_length=100)
    revoked: bool = False


class PinVerifier(_Envelope):
    """A helper PIN as kiosks check it offline: a salted scrypt hash (base64url) with its parameters, made
    on the kiosk where the helper chose the PIN. The PIN itself never leaves that kiosk."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    algorithm: Literal["scrypt"] = "scrypt"
    n: int = Field(ge=2**14, le=2**20)
    r: int = Field(ge=1, le=16)
    p: int = Field(ge=1, le=4)
    salt: str = Field(min_length=22, max_length=88, pattern=B64URL_PATTERN)
    digest: str = Field(min_length=43, max_length=88, pattern=B64URL_PATTERN)

    @model_validator(mode="after")
    def _n_is_a_power_of_two(self) -> PinVerifier:
        if self.n & (self.n - 1):
            raise ValueError("n must be a power of two")
        return self


class HelperChange(_Envelope):
    """`data` of a helper change: one village helper (帮办员) as the kiosks of the helper's sites know them.

    Sent to every kiosk; a kiosk keeps the helpers of its own site only. `pin_verifier` is None until the
    helper has chosen a PIN with the one-time set-up code (and again after a PIN reset): no sign-in then.
    A revoked helper (`state` revoked) is refused at once by every kiosk that pulled the change."""

    staff_no: str = Field(pattern=STAFF_NO_PATTERN)
    name: str = Field(min_length=1, max_length=40)
    sites: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(min_length=1, max_length=20)
    state: Literal["active", "revoked"]
    pin_verifier: PinVerifier | None = None
    version: int = Field(ge=1, description="Raised by every change to the helper; kiosks keep the highest.")


class HelperPinSetup(_Envelope):
    """Body of `POST /v1/helpers/pin` (signed): a helper chose a PIN at this kiosk with their one-time set-up
    code. Only the PIN's verifier is sent. The reply is the helper's HelperChange as it now stands."""

    model_config = ConfigDict(extra="forbid")

    staff_no: str = Field(pattern=STAFF_NO_PATTERN)
    setup_code: str = Field(min_length=1, max_length=32, description="As typed: XXXX-XXXX-XXXX.")
    pin_verifier: PinVerifier


class Change(_Envelope):
    """One change for this device. `data` is a catalog document (the sample_catalog.json format), a
    FilingStatusChange, a CountyConfig, a VoucherRevokedChange, a DeviceKeyChange or a HelperChange, by
    `type`."""

    seq: int = Field(ge=1)
    type: ChangeType
    data: dict[str, Any]


class ChangesResponse(_Envelope):
    """Reply to `GET /v1/changes?after=CURSOR&limit=N`: changes in seq order after the cursor."""

    protocol: Literal[1] = PROTOCOL_VERSION
    changes: list[Change]
    next_cursor: int = Field(
        ge=0, description="Pass as `after` next time (the last seq returned, or `after`)."
    )
    more: bool


# --- heartbeat ------------------------------------------------------------------------------------


class Heartbeat(_Envelope):
    """Body of `POST /v1/heartbeat`: the kiosk's health as the county's fleet view shows it."""

    protocol: int = PROTOCOL_VERSION
    device_id: DeviceId
    sent_at: IsoTimestamp
    app_version: str = Field(max_length=32)
    queue_depth: int = Field(ge=0)
    oldest_unsent_age_s: int | None = Field(default=None, ge=0)
    free_disk_bytes: int = Field(ge=0)
    clock_skew_s: float
    printer_state: str | None = Field(default=None, max_length=32)


class HeartbeatResponse(_Envelope):
    """Reply to a heartbeat."""

    protocol: Literal[1] = PROTOCOL_VERSION
    server_time: int
