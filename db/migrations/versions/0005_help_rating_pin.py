"""help requests, window ratings, technician PIN

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 09:00:00

- help_request: 一键呼叫 requests (screen, reason code, channel; no personal data);
- rating: `subject` ("filing" | "window"), `service_code` for window ratings (一次一评), `filing_id` nullable;
  "one rating per filing" moves from a UNIQUE column constraint to a partial unique index on filing_id, and
  a CHECK makes every row rate exactly one subject. Existing rows become filing ratings;
- technician_pin: one row with the PIN's salted scrypt hash, its parameters and the failures in a row.

SQLite cannot change a column's nullability in place: rating is rebuilt by hand (create, copy, drop, rename),
which is safe with foreign keys on because no table refers to rating.

Downgrade: 0004 has no room for window ratings, help requests or the PIN. Window ratings and help requests
leave their tables, but their outbox rows (each holding the whole payload) stay and are still sent; the
technician sets the PIN again after a later upgrade.
"""

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

_RATING_COPIED = "id, filing_id, level, reasons_json, comment_enc, callback_phone_enc, created_at"


def _rating_columns(*, filing_id_nullable: bool) -> list[sa.schema.SchemaItem]:
    return [
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('filing_id', sa.String(length=36), nullable=filing_id_nullable),
        sa.Column('level', sa.Integer(), nullable=False),
        sa.Column('reasons_json', sa.Text(), nullable=False),
        sa.Column('comment_enc', sa.LargeBinary(), nullable=False),
        sa.Column('callback_phone_enc', sa.LargeBinary(), nullable=True),
        sa.Column('created_at', sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(['filing_id'], ['filing.id']),
        sa.PrimaryKeyConstraint('id'),
    ]


def upgrade() -> None:
    op.create_table(
        'rating_0005',
        *_rating_columns(filing_id_nullable=True),
        sa.Column('subject', sa.String(length=16), server_default='filing', nullable=False),
        sa.Column('service_code', sa.String(length=32), nullable=True),
        sa.CheckConstraint(
            "(subject = 'filing' AND filing_id IS NOT NULL AND service_code IS NULL) OR "
            "(subject = 'window' AND filing_id IS NULL AND service_code IS NOT NULL)",
            name='ck_rating_one_subject',
        ),
    )
    op.execute(
        f"INSERT INTO rating_0005 ({_RATING_COPIED}, subject) SELECT {_RATING_COPIED}, 'filing' FROM rating"
    )
    op.drop_table('rating')
    op.rename_table('rating_0005', 'rating')
    op.create_index(
        'uq_rating_filing_id', 'rating', ['filing_id'], unique=True, sqlite_where=sa.text('filing_id IS NOT NULL')
    )

    op.create_table(
        'help_request',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('device_id', sa.String(length=64), nullable=False),
        sa.Column('screen', sa.String(length=64), nullable=False),
        sa.Column('reason', sa.String(length=32), nullable=True),
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('created_at', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_help_request_created_at', 'help_request', ['created_at'], unique=False)

    op.create_table(
        'technician_pin',
        sa.Column('slot', sa.Integer(), nullable=False),
        sa.Column('scrypt_n', sa.Integer(), nullable=False),
        sa.Column('scrypt_r', sa.Integer(), nullable=False),
        sa.Column('scrypt_p', sa.Integer(), nullable=False),
        sa.Column('salt', sa.LargeBinary(), nullable=False),
        sa.Column('pin_hash', sa.LargeBinary(), nullable=False),
        sa.Column('set_at', sa.String(length=40), nullable=False),
        sa.Column('failed_attempts', sa.Integer(), nullable=False),
        sa.Column('locked_until', sa.String(length=40), nullable=True),
        sa.Column('last_attempt_at', sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint('slot'),
    )


def downgrade() -> None:
    op.drop_table('technician_pin')
    op.drop_index('ix_help_request_created_at', table_name='help_request')
    op.drop_table('help_request')

    op.create_table('rating_0004', *_rating_columns(filing_id_nullable=False), sa.UniqueConstraint('filing_id'))
    op.execute(
        f"INSERT INTO rating_0004 ({_RATING_COPIED}) SELECT {_RATING_COPIED} FROM rating WHERE subject = 'filing'"
    )
    op.drop_index('uq_rating_filing_id', table_name='rating')
    op.drop_table('rating')
    op.rename_table('rating_0004', 'rating')
