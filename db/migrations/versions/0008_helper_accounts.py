"""helper accounts

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 21:00:00

- helper_account: the village helpers (帮办员) of this kiosk's site, pulled from the county (change type
  helper): staff number, name, sites, state, the PIN's scrypt verifier, and this terminal's failed attempts
  and lock.

Downgrade: the table goes; the next pull from cursor 0 would bring the helpers back, the cursor does not.
"""

import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'helper_account',
        sa.Column('staff_no', sa.String(length=20), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('sites_json', sa.Text(), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('scrypt_n', sa.Integer(), nullable=True),
        sa.Column('scrypt_r', sa.Integer(), nullable=True),
        sa.Column('scrypt_p', sa.Integer(), nullable=True),
        sa.Column('salt', sa.LargeBinary(), nullable=True),
        sa.Column('pin_hash', sa.LargeBinary(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.String(length=40), nullable=False),
        sa.Column('failed_attempts', sa.Integer(), nullable=False),
        sa.Column('locked_until', sa.String(length=40), nullable=True),
        sa.Column('last_attempt_at', sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint('staff_no'),
    )


def downgrade() -> None:
    op.drop_table('helper_account')
