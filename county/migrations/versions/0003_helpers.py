"""Village helpers (帮办员): who they are, their sites, their state (and since when revoked), their PIN verifier.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the helper table."""
    op.create_table(
        "helper",
        sa.Column("staff_no", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("sites", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("pin_verifier", sa.JSON(), nullable=True),
        sa.Column("setup_code_sha256", sa.String(length=64), nullable=True),
        sa.Column("setup_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("staff_no"),
    )


def downgrade() -> None:
    """Drop the helper table (kiosks keep the helpers they pulled until their next pull)."""
    op.drop_table("helper")
