"""assisted filings

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08 00:30:00

- filing.consent_enc: for an assisted filing (帮办), the resident's consent as recorded (method, time, the
  evidence image's hash or the witness's name), sealed like the applicant's fields; NULL for a citizen's own.
- rating.given_by: who gave a rating: "citizen", or "citizen_after_handover" after an assisted filing.

Downgrade: both columns go (no filing written before this revision has either).
"""

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('filing', sa.Column('consent_enc', sa.LargeBinary(), nullable=True))
    op.add_column('rating', sa.Column('given_by', sa.String(length=32), nullable=False, server_default='citizen'))


def downgrade() -> None:
    # SQLite 3.35+ drops columns in place (a batch copy of filing would trip its foreign keys).
    op.drop_column('rating', 'given_by')
    op.drop_column('filing', 'consent_enc')
