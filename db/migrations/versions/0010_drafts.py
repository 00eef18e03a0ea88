"""drafts

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08 01:00:00

- draft: a helper's half-done assisted filing (service, form version, masked resident, sealed content,
  expiry); draft_attachment: the photos a draft holds (claimed, so the unclaimed-photo purge keeps them).

Downgrade: both tables go, and the drafts with them (they were never submitted).
"""

import sqlalchemy as sa
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'draft',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('helper_staff_no', sa.String(length=20), nullable=False),
        sa.Column('service_code', sa.String(length=32), nullable=False),
        sa.Column('service_version', sa.Integer(), nullable=False),
        sa.Column('resident_masked', sa.String(length=64), nullable=False),
        sa.Column('content_enc', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.String(length=40), nullable=False),
        sa.Column('updated_at', sa.String(length=40), nullable=False),
        sa.Column('expires_at', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_draft_helper_staff_no', 'draft', ['helper_staff_no'])
    op.create_index('ix_draft_expires_at', 'draft', ['expires_at'])
    op.create_table(
        'draft_attachment',
        sa.Column('draft_id', sa.String(length=36), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['draft_id'], ['draft.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['sha256'], ['attachment.sha256']),
        sa.PrimaryKeyConstraint('draft_id', 'sha256'),
    )
    op.create_index('ix_draft_attachment_sha256', 'draft_attachment', ['sha256'])


def downgrade() -> None:
    op.drop_index('ix_draft_attachment_sha256', table_name='draft_attachment')
    op.drop_table('draft_attachment')
    op.drop_index('ix_draft_expires_at', table_name='draft')
    op.drop_index('ix_draft_helper_staff_no', table_name='draft')
    op.drop_table('draft')
