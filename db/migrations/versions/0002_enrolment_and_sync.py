"""enrolment, sync state, content-addressed attachments, revoked vouchers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 03:00:00

- device: enrolment (site, public key, county config, clock skew) and the reason sync stopped, if it did;
- filing: the county's note and the time of its last status;
- sync_state (per channel backoff), sync_cursor (pull position), catalog_document (county catalog),
  revoked_voucher;
- attachment becomes content-addressed and shareable: one row per file (size, upload progress) and
  filing_attachment linking filings to files. Rows of the 0001 table are carried over.
"""

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.add_column(sa.Column('site', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('public_key', sa.String(length=44), nullable=True))
        batch_op.add_column(sa.Column('county_config_json', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('clock_skew_s', sa.Float(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('skew_measured_at', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('sync_halt', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('sync_halt_at', sa.String(length=40), nullable=True))

    with op.batch_alter_table('filing', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_status_note', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('server_status_at', sa.String(length=40), nullable=True))

    # attachment: one row per file (no filing_id), linked to filings through filing_attachment.
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_filing_id'))
    op.rename_table('attachment', 'attachment_0001')
    op.create_table('attachment',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('media_type', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('relative_path', sa.Text(), nullable=False),
    sa.Column('upload_state', sa.String(length=16), nullable=False),
    sa.Column('uploaded_bytes', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('sha256')
    )
    op.create_table('filing_attachment',
    sa.Column('filing_id', sa.String(length=36), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['filing_id'], ['filing.id'], ),
    sa.ForeignKeyConstraint(['sha256'], ['attachment.sha256'], ),
    sa.PrimaryKeyConstraint('filing_id', 'sha256')
    )
    with op.batch_alter_table('filing_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_filing_attachment_sha256'), ['sha256'], unique=False)
    op.execute(
        "INSERT INTO attachment (sha256, media_type, size, relative_path, upload_state, uploaded_bytes, created_at) "
        "SELECT a.sha256, a.media_type, a.size_bytes, a.relative_path, "
        "CASE WHEN a.upload_state IN ('complete', 'uploaded', 'sent') THEN 'complete' ELSE 'pending' END, "
        "CASE WHEN a.upload_state IN ('complete', 'uploaded', 'sent') THEN a.size_bytes ELSE 0 END, "
        "f.created_at FROM attachment_0001 AS a JOIN filing AS f ON f.id = a.filing_id"
    )
    op.execute(
        "INSERT INTO filing_attachment (filing_id, sha256, position) "
        "SELECT filing_id, sha256, 0 FROM attachment_0001"
    )
    op.drop_table('attachment_0001')

    op.create_table('catalog_document',
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('catalog_version', sa.String(length=64), nullable=False),
    sa.Column('document_json', sa.Text(), nullable=False),
    sa.Column('change_seq', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('slot')
    )
    op.create_table('revoked_voucher',
    sa.Column('voucher_code', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('revoked_at', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('voucher_code')
    )
    op.create_table('sync_state',
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('consecutive_failures', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.String(length=40), nullable=True),
    sa.Column('last_attempt_at', sa.String(length=40), nullable=True),
    sa.Column('last_success_at', sa.String(length=40), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('channel')
    )
    op.create_table('sync_cursor',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )


def downgrade() -> None:
    op.drop_table('sync_cursor')
    op.drop_table('sync_state')
    op.drop_table('revoked_voucher')
    op.drop_table('catalog_document')
    op.create_table('attachment_0001',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('filing_id', sa.String(length=36), nullable=False),
    sa.Column('media_type', sa.String(length=64), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('relative_path', sa.Text(), nullable=False),
    sa.Column('upload_state', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['filing_id'], ['filing.id'], ),
    sa.PrimaryKeyConstraint('sha256')
    )
    # 0001 tied a file to one filing: a file shared by several filings keeps its first one.
    op.execute(
        "INSERT INTO attachment_0001 (sha256, filing_id, media_type, size_bytes, relative_path, upload_state) "
        "SELECT a.sha256, MIN(fa.filing_id), a.media_type, a.size, a.relative_path, a.upload_state "
        "FROM attachment AS a JOIN filing_attachment AS fa ON fa.sha256 = a.sha256 GROUP BY a.sha256"
    )
    with op.batch_alter_table('filing_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_filing_attachment_sha256'))
    op.drop_table('filing_attachment')
    op.drop_table('attachment')
    op.rename_table('attachment_0001', 'attachment')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_filing_id'), ['filing_id'], unique=False)

    # SQLite 3.35+ drops columns in place (a batch copy of filing would trip its foreign keys).
    for column in ('server_status_at', 'server_status_note'):
        op.drop_column('filing', column)
    for column in (
        'sync_halt_at', 'sync_halt', 'skew_measured_at', 'clock_skew_s', 'county_config_json', 'public_key', 'site'
    ):
        op.drop_column('device', column)
