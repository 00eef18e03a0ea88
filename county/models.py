"""SQLAlchemy tables of the county server (the schema itself lives in county/migrations)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamp on every backend (SQLite stores naive UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert an aware datetime to UTC before storing."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; use an aware UTC timestamp")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Return stored timestamps as aware UTC datetimes."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of the county schema."""


class CountyRecord(Base):
    """One accepted kiosk record; ``id`` is the kiosk's record id (idempotency key)."""

    __tablename__ = "county_record"
    __table_args__ = (Index("ix_county_record_kind_received", "kind", "received_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    device_id: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class Device(Base):
    """An enrolled kiosk: its Ed25519 public key, where it stands, and its latest heartbeat."""

    __tablename__ = "device"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(44))
    site: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(64))
    app_version: Mapped[str] = mapped_column(String(32))
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_heartbeat: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    last_heartbeat_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    clock_skew_s: Mapped[float | None] = mapped_column(Float)


class EnrolmentCode(Base):
    """A one-time enrolment code, stored only as the SHA-256 of its normalised text."""

    __tablename__ = "enrolment_code"

    code_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    site: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    used_by_device: Mapped[str | None] = mapped_column(String(64))


class SeenNonce(Base):
    """A request nonce a device used recently (rows older than the replay window are pruned)."""

    __tablename__ = "seen_nonce"

    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class Attachment(Base):
    """A content-addressed upload: how much of it has arrived and whether its hash was verified."""

    __tablename__ = "attachment"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(64))
    received: Mapped[int] = mapped_column(Integer)
    complete: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sealed: Mapped[bool] = mapped_column(Boolean, default=False)
    """The upload is a box sealed to the county (a helper laptop's); opened once complete."""


class AttachmentChunk(Base):
    """The bytes of one received chunk of an attachment, at its offset."""

    __tablename__ = "attachment_chunk"

    sha256: Mapped[str] = mapped_column(
        String(64), ForeignKey("attachment.sha256", ondelete="CASCADE"), primary_key=True
    )
    chunk_offset: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ChangeLogEntry(Base):
    """One change kiosks pull, for every device (``device_id`` NULL) or for one device."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_device_seq", "device_id", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str | None] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CountySetting(Base):
    """One field of the county's ``CountyConfig`` (fields never set keep the model's default)."""

    __tablename__ = "county_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FilingStatus(Base):
    """The county's current verdict on one filing (the history is in ``change_log``)."""

    __tablename__ = "filing_status"

    filing_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(String(500))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Helper(Base):
    """A village helper (帮办员): the sites they work for, their state, and their PIN as kiosks check it.

    The one-time PIN set-up code is kept only as the SHA-256 of its normalised text, until it is used.
    ``revoked_at`` decides which of a revoked helper's assisted filings are still accepted (those made before).
    """

    __tablename__ = "helper"

    staff_no: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    sites: Mapped[list[str]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16))
    pin_verifier: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    setup_code_sha256: Mapped[str | None] = mapped_column(String(64))
    setup_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CountyKey(Base):
    """A secret of the county server itself: the X25519 key helper laptops seal their data to
    (``sealing_x25519``), the Ed25519 key that signs helpers' staff cards (``staff_card``)."""

    __tablename__ = "county_key"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    secret: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
