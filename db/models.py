"""SQLAlchemy 2 typed models of the kiosk's local tables (PII columns hold AES-GCM ciphertext)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of the local store."""


class CatalogItem(Base):
    """One version of one service from the catalog (sample or pulled from the county)."""

    __tablename__ = "catalog_item"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    category: Mapped[str] = mapped_column(String(64))
    name_zh: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    catalog_version: Mapped[str] = mapped_column(String(64))
    definition_json: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[str] = mapped_column(String(40))


class Device(Base):
    """This kiosk's identity, its per-device sequence counter and its enrolment with the county (one row)."""

    __tablename__ = "device"

    slot: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[str] = mapped_column(String(64), unique=True)
    next_seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(40))
    enrolled_at: Mapped[str | None] = mapped_column(String(40))
    server_url: Mapped[str | None] = mapped_column(Text)
    site: Mapped[str | None] = mapped_column(String(100))
    public_key: Mapped[str | None] = mapped_column(String(44))
    county_config_json: Mapped[str | None] = mapped_column(Text)
    clock_skew_s: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    skew_measured_at: Mapped[str | None] = mapped_column(String(40))
    sync_halt: Mapped[str | None] = mapped_column(String(64))
    sync_halt_at: Mapped[str | None] = mapped_column(String(40))


class Filing(Base):
    """One filing (办件) created on this kiosk; applicant data and answers are encrypted."""

    __tablename__ = "filing"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    service_code: Mapped[str] = mapped_column(String(32))
    service_version: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(16))
    helper_id: Mapped[str | None] = mapped_column(String(64))  # the staff number of the helper who filed it
    consent_enc: Mapped[bytes | None] = mapped_column(LargeBinary)  # an assisted filing's consent, sealed
    voucher_code: Mapped[str] = mapped_column(String(16), unique=True)
    applicant_name_enc: Mapped[bytes] = mapped_column(LargeBinary)
    applicant_id_number_enc: Mapped[bytes] = mapped_column(LargeBinary)
    applicant_phone_enc: Mapped[bytes] = mapped_column(LargeBinary)
    answers_enc: Mapped[bytes] = mapped_column(LargeBinary)
    masked_applicant_json: Mapped[str] = mapped_column(Text)
    local_status: Mapped[str] = mapped_column(String(16))
    server_status: Mapped[str | None] = mapped_column(String(32))
    server_status_note: Mapped[str | None] = mapped_column(Text)
    server_status_at: Mapped[str | None] = mapped_column(String(40))
    device_id: Mapped[str] = mapped_column(String(64))
    device_seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(40))
    voucher_payload: Mapped[str | None] = mapped_column(String(160))

    __table_args__ = (UniqueConstraint("device_id", "device_seq", name="uq_filing_device_seq"),)


class Attachment(Base):
    """A file, content-addressed by SHA-256, stored beside the database; shareable between filings."""

    __tablename__ = "attachment"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    relative_path: Mapped[str] = mapped_column(Text)
    upload_state: Mapped[str] = mapped_column(String(16))
    uploaded_bytes: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[str] = mapped_column(String(40))


class FilingAttachment(Base):
    """Which files a filing carries, in the order the filing lists them."""

    __tablename__ = "filing_attachment"

    filing_id: Mapped[str] = mapped_column(ForeignKey("filing.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("attachment.sha256"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Rating(Base):
    """One 好差评 rating: of a filing (one per filing) or of a window service (many); PII encrypted.

    `subject` says which: "filing" rows carry filing_id, "window" rows carry service_code, never both; a
    window rating names its counter (window_no) and, when the citizen knows it, the staff number (staff_no).
    """

    __tablename__ = "rating"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    subject: Mapped[str] = mapped_column(String(16), server_default="filing")
    filing_id: Mapped[str | None] = mapped_column(ForeignKey("filing.id"))
    service_code: Mapped[str | None] = mapped_column(String(32))
    level: Mapped[int] = mapped_column(Integer)
    reasons_json: Mapped[str] = mapped_column(Text)
    comment_enc: Mapped[bytes] = mapped_column(LargeBinary)
    callback_phone_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[str] = mapped_column(String(40))
    window_no: Mapped[str | None] = mapped_column(String(8))
    staff_no: Mapped[str | None] = mapped_column(String(16))
    given_by: Mapped[str] = mapped_column(String(32), server_default="citizen")

    __table_args__ = (
        CheckConstraint(
            "(subject = 'filing' AND filing_id IS NOT NULL AND service_code IS NULL) OR "
            "(subject = 'window' AND filing_id IS NULL AND service_code IS NOT NULL)",
            name="ck_rating_one_subject",
        ),
        # One rating per filing; window ratings (filing_id NULL) are not limited.
        Index("uq_rating_filing_id", "filing_id", unique=True, sqlite_where=text("filing_id IS NOT NULL")),
    )


class HelpRequest(Base):
    """A citizen's call for help (求助): where they were stuck and why, never who they are."""

    __tablename__ = "help_request"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(64))
    screen: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[str] = mapped_column(String(40), index=True)


class TechnicianPin(Base):
    """The technician PIN as a salted scrypt hash with its parameters, and the failures in a row (one row)."""

    __tablename__ = "technician_pin"

    slot: Mapped[int] = mapped_column(Integer, primary_key=True)
    scrypt_n: Mapped[int] = mapped_column(Integer)
    scrypt_r: Mapped[int] = mapped_column(Integer)
    scrypt_p: Mapped[int] = mapped_column(Integer)
    salt: Mapped[bytes] = mapped_column(LargeBinary)
    pin_hash: Mapped[bytes] = mapped_column(LargeBinary)
    set_at: Mapped[str] = mapped_column(String(40))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[str | None] = mapped_column(String(40))
    last_attempt_at: Mapped[str | None] = mapped_column(String(40))


class HelperAccount(Base):
    """A village helper (帮办员) of this kiosk's site as the county published them (change type helper).

    The PIN verifier is the county's copy of a salted scrypt hash (NULL until the helper has set a PIN, and
    after a reset); failures in a row and the lock are this terminal's own, so a restart resets nothing.
    """

    __tablename__ = "helper_account"

    staff_no: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    sites_json: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    scrypt_n: Mapped[int | None] = mapped_column(Integer)
    scrypt_r: Mapped[int | None] = mapped_column(Integer)
    scrypt_p: Mapped[int | None] = mapped_column(Integer)
    salt: Mapped[bytes | None] = mapped_column(LargeBinary)
    pin_hash: Mapped[bytes | None] = mapped_column(LargeBinary)
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[str] = mapped_column(String(40))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[str | None] = mapped_column(String(40))
    last_attempt_at: Mapped[str | None] = mapped_column(String(40))


class LookupLimit(Base):
    """Look-ups of one kind that found nothing in the current window, and the lock they started.

    One row per kind ("person": by ID number and mobile number); kept in the store so a restart resets nothing.
    """

    __tablename__ = "lookup_limit"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[str | None] = mapped_column(String(40))
    locked_until: Mapped[str | None] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))


class OutboxEntry(Base):
    """One record waiting to reach the county server, written in the same transaction as the record."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    payload_enc: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(40))
    sent_at: Mapped[str | None] = mapped_column(String(40))

    __table_args__ = (Index("ix_outbox_state_seq", "state", "seq"),)


class PrintJob(Base):
    """A receipt to print: queued -> printing -> printed | failed (retried at next_attempt_at) | abandoned."""

    __tablename__ = "print_job"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    filing_id: Mapped[str] = mapped_column(ForeignKey("filing.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="receipt", server_default="receipt")
    document_path: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[str | None] = mapped_column(String(40))
    printer_state: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))
    printed_at: Mapped[str | None] = mapped_column(String(40))

    __table_args__ = (Index("ix_print_job_state_next_attempt", "state", "next_attempt_at"),)


class PrinterHealth(Base):
    """The printer's condition when it was last asked or used (one row), for staff and the heartbeat."""

    __tablename__ = "printer_health"

    slot: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[str] = mapped_column(String(32))
    printer: Mapped[str] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[str] = mapped_column(String(40))


class AuditEntry(Base):
    """An append-only, hash-chained audit entry; never holds personal data."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    subject_id: Mapped[str | None] = mapped_column(String(64))
    detail_json: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))


class CatalogDocument(Base):
    """The catalog document last accepted from the county (one row); the kiosk starts on it when present."""

    __tablename__ = "catalog_document"

    slot: Mapped[int] = mapped_column(Integer, primary_key=True)
    catalog_version: Mapped[str] = mapped_column(String(64))
    document_json: Mapped[str] = mapped_column(Text)
    change_seq: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[str] = mapped_column(String(40))


class RevokedVoucher(Base):
    """A voucher the county revoked: a lookup of it says so."""

    __tablename__ = "revoked_voucher"

    voucher_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    revoked_at: Mapped[str] = mapped_column(String(40))


class VoucherKey(Base):
    """A county kiosk's public voucher key, pulled from the county (this kiosk's own key is in its key file)."""

    __tablename__ = "voucher_key"

    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    key_id: Mapped[str] = mapped_column(String(8), index=True)
    public_key: Mapped[str] = mapped_column(String(44))
    site: Mapped[str] = mapped_column(Text)
    revoked: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[str] = mapped_column(String(40))


class SyncState(Base):
    """Health of one sync channel (push, pull, heartbeat): failures in a row and when to try again."""

    __tablename__ = "sync_state"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[str | None] = mapped_column(String(40))
    last_attempt_at: Mapped[str | None] = mapped_column(String(40))
    last_success_at: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)


class SyncCursor(Base):
    """Where a pulled stream stopped (e.g. the /v1/changes cursor)."""

    __tablename__ = "sync_cursor"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[str] = mapped_column(String(40))


class Draft(Base):
    """A half-done assisted filing (帮办草稿) kept to be finished later by the helper who began it.

    Everything of the resident is sealed in `content_enc` (answers, the consent); the list shows only the
    service and `resident_masked`. Kept with its form version until `expires_at`, and wiped (with its photos)
    when it expires or is submitted.
    """

    __tablename__ = "draft"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    helper_staff_no: Mapped[str] = mapped_column(String(20), index=True)
    service_code: Mapped[str] = mapped_column(String(32))
    service_version: Mapped[int] = mapped_column(Integer)
    resident_masked: Mapped[str] = mapped_column(String(64))
    content_enc: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))
    expires_at: Mapped[str] = mapped_column(String(40), index=True)


class DraftAttachment(Base):
    """A photo (or consent image) a draft holds: claimed, so the unclaimed-photo purge leaves it alone."""

    __tablename__ = "draft_attachment"

    draft_id: Mapped[str] = mapped_column(ForeignKey("draft.id", ondelete="CASCADE"), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("attachment.sha256"), primary_key=True, index=True)
