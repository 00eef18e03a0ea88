"""County schema: records, devices, enrolment codes, nonces, attachments, change log, settings, statuses.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22

Databases made by the pre-Alembic server (``metadata.create_all``) already hold ``county_record``;
this revision keeps that table and its rows and creates everything else.
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _timestamp(name: str, *, nullable: bool = False) -> "sa.Column[datetime]":
    """A timezone-aware timestamp column (county.models.UtcDateTime stores UTC)."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _create_county_record() -> None:
    """The pushed records table, unless a pre-Alembic database already has it."""
    if sa.inspect(op.get_bind()).has_table("county_record"):
        return
    op.create_table(
        "county_record",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        _timestamp("received_at"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_county_record_kind_received", "county_record", ["kind", "received_at"])
    op.create_index("ix_county_record_received_at", "county_record", ["received_at"])


def upgrade() -> None:
    """Create the whole county schema."""
    _create_county_record()
    op.create_table(
        "device",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.String(length=44), nullable=False),
        sa.Column("site", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("app_version", sa.String(length=32), nullable=False),
        _timestamp("enrolled_at"),
        _timestamp("revoked_at", nullable=True),
        sa.Column("last_heartbeat", sa.JSON(), nullable=True),
        _timestamp("last_heartbeat_at", nullable=True),
        sa.Column("clock_skew_s", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "enrolment_code",
        sa.Column("code_sha256", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=100), nullable=False),
        _timestamp("created_at"),
        _timestamp("expires_at"),
        _timestamp("used_at", nullable=True),
        sa.Column("used_by_device", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("code_sha256"),
    )
    op.create_table(
        "seen_nonce",
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        _timestamp("seen_at"),
        sa.PrimaryKeyConstraint("device_id", "nonce"),
    )
    op.create_index("ix_seen_nonce_seen_at", "seen_nonce", ["seen_at"])
    op.create_table(
        "attachment",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=64), nullable=False),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        _timestamp("created_at"),
        _timestamp("completed_at", nullable=True),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "attachment_chunk",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("chunk_offset", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["sha256"], ["attachment.sha256"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("sha256", "chunk_offset"),
    )
    op.create_table(
        "change_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=True),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_index("ix_change_log_device_seq", "change_log", ["device_id", "seq"])
    op.create_table(
        "county_setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "filing_status",
        sa.Column("filing_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        _timestamp("changed_at"),
        sa.PrimaryKeyConstraint("filing_id"),
    )


def downgrade() -> None:
    """Drop the whole county schema (records included)."""
    for table in (
        "filing_status",
        "county_setting",
        "change_log",
        "attachment_chunk",
        "attachment",
        "seen_nonce",
        "enrolment_code",
        "device",
        "county_record",
    ):
        op.drop_table(table)
