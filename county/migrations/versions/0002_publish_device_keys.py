"""Publish the voucher keys of devices enrolled before kiosks learned about them (change type device_key).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

From this revision on, enrolment and revocation append a ``device_key`` change themselves; devices
enrolled earlier get one here, so every kiosk can check their signed vouchers.
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_device = sa.table(
    "device",
    sa.column("id", sa.String),
    sa.column("public_key", sa.String),
    sa.column("site", sa.String),
    sa.column("revoked_at", sa.DateTime(timezone=True)),
)
_change_log = sa.table(
    "change_log",
    sa.column("device_id", sa.String),
    sa.column("type", sa.String),
    sa.column("data", sa.JSON),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    """Append one device_key change per enrolled device, in enrolment order."""
    bind = op.get_bind()
    now = datetime.now(UTC)
    if bind.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)  # county.models.UtcDateTime stores naive UTC on SQLite
    devices = bind.execute(sa.select(_device).order_by(_device.c.id)).all()
    rows = [
        {
            "device_id": None,
            "type": "device_key",
            "data": {
                "device_id": device.id,
                "public_key": device.public_key,
                "site": device.site,
                "revoked": device.revoked_at is not None,
            },
            "created_at": now,
        }
        for device in devices
    ]
    if rows:
        op.bulk_insert(_change_log, rows)


def downgrade() -> None:
    """Drop the published keys (kiosks that pulled them keep their copies)."""
    op.execute(_change_log.delete().where(_change_log.c.type == "device_key"))
