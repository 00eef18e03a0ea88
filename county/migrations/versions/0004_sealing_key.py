"""Sealed data from helper laptops: the county's own key table, and sealed attachment uploads.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08

The X25519 key itself is made on first use (county.sealing), not here: a migration stays deterministic.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create county_key; mark attachment uploads as sealed or not."""
    op.create_table(
        "county_key",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("secret", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    with op.batch_alter_table("attachment") as batch:
        batch.add_column(sa.Column("sealed", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    """Drop them again (laptops then have no key to seal to)."""
    with op.batch_alter_table("attachment") as batch:
        batch.drop_column("sealed")
    op.drop_table("county_key")
