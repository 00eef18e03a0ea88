"""lookup limit

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 09:00:00

- lookup_limit: per kind of look-up ("person": by ID number and mobile number), the look-ups that found
  nothing in the current window and the lock they started; no personal data.

Downgrade: the table goes; 0005 has no person look-up, and a later upgrade starts with a fresh count.
"""

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'lookup_limit',
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('window_started_at', sa.String(length=40), nullable=True),
        sa.Column('locked_until', sa.String(length=40), nullable=True),
        sa.Column('updated_at', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('kind'),
    )


def downgrade() -> None:
    op.drop_table('lookup_limit')
