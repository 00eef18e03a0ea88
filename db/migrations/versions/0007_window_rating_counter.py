"""window rating counter

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 09:00:00

- rating: `window_no` (窗口号) and `staff_no` (工号) of a counter service rating (一次一评); both nullable:
  filing ratings have neither, and window ratings stored before this revision named no counter.

Downgrade: the two columns go (SQLite 3.35+ drops a column in place); the outbox rows of window ratings keep
the whole payload, numbers included, and are still sent.
"""

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('rating', sa.Column('window_no', sa.String(length=8), nullable=True))
    op.add_column('rating', sa.Column('staff_no', sa.String(length=16), nullable=True))


def downgrade() -> None:
    op.drop_column('rating', 'staff_no')
    op.drop_column('rating', 'window_no')
