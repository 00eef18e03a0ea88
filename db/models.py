"""SQLAlchemy 2 typed models of the kiosk's local tables (PII columns hold AES-GCM ciphertext)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
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
    """This kiosk's identity and its per-device sequence counter (one row)."""

    __tablename__ = "device"

    slot: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[str] = mapped_column(String(64), unique=True)
    next_seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(40))
    enrolled_at: Mapped[str | None] = mapped_column(String(40))
    server_url: Mapped[str | None] = mapped_column(Text)


class Filing(Base):
    """One filing (办件) created on this kiosk; applicant data and answers are encrypted."""

    __tablename__ = "filing"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    service_code: Mapped[str] = mapped_column(String(32))
    service_version: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(16))
    helper_id: Mapped[str | None] = mapped_column(String(64))
    voucher_code: Mapped[str] = mapped_column(String(16), unique=True)
    applicant_name_enc: Mapped[bytes] = mapped_column(LargeBinary)
    applicant_id_number_enc: Mapped[bytes] = mapped_column(LargeBinary)
    applicant_phone_enc: Mapped[bytes] = mapped_column(LargeBinary)
    answers_enc: Mapped[bytes] = mapped_column(LargeBinary)
    masked_applicant_json: Mapped[str] = mapped_column(Text)
    local_status: Mapped[str] = mapped_column(String(16))
    server_status: Mapped[str | None] = mapped_column(String(32))
    device_id: Mapped[str] = mapped_column(String(64))
    device_seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(40))

    __table_args__ = (UniqueConstraint("device_id", "device_seq", name="uq_filing_device_seq"),)


class Attachment(Base):
    """A file attached to a filing, content-addressed by SHA-256 and stored beside the database."""

    __tablename__ = "attachment"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    filing_id: Mapped[str] = mapped_column(ForeignKey("filing.id"), index=True)
    media_type: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    relative_path: Mapped[str] = mapped_column(Text)
    upload_state: Mapped[str] = mapped_column(String(16))


class Rating(Base):
    """One 好差评 rating of a filing (one per filing); comment and call-back phone are encrypted."""

    __tablename__ = "rating"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    filing_id: Mapped[str] = mapped_column(ForeignKey("filing.id"), unique=True)
    level: Mapped[int] = mapped_column(Integer)
    reasons_json: Mapped[str] = mapped_column(Text)
    comment_enc: Mapped[bytes] = mapped_column(LargeBinary)
    callback_phone_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[str] = mapped_column(String(40))


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
    """A receipt waiting for, or done with, the printer."""

    __tablename__ = "print_job"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    filing_id: Mapped[str] = mapped_column(ForeignKey("filing.id"), index=True)
    document_path: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))


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
