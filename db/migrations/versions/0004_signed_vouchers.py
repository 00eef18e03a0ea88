"""signed vouchers: each filing keeps its signed QR payload; the county's kiosk keys for checking others

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 06:30:00

- filing.voucher_payload: the "BMK2:" payload signed with this device's key at filing time (NULL for
  filings made before; their receipts are signed when next rendered);
- voucher_key: public voucher keys of the county's kiosks, pulled as device_key changes.
"""

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('filing', schema=None) as batch_op:
        batch_op.add_column(sa.Column('voucher_payload', sa.String(length=160), nullable=True))

    op.create_table(
        'voucher_key',
        sa.Column('device_id', sa.String(length=64), nullable=False),
        sa.Column('key_id', sa.String(length=8), nullable=False),
        sa.Column('public_key', sa.String(length=44), nullable=False),
        sa.Column('site', sa.Text(), nullable=False),
        sa.Column('revoked', sa.Boolean(), nullable=False),
        sa.Column('updated_at', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('device_id'),
    )
    with op.batch_alter_table('voucher_key', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voucher_key_key_id'), ['key_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('voucher_key', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voucher_key_key_id'))
    op.drop_table('voucher_key')
    # SQLite 3.35+ drops columns in place (a batch copy of filing would trip its foreign keys).
    op.drop_column('filing', 'voucher_payload')
