"""print queue: job kind, retry time, printer state; the printer's last known condition

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 06:00:00

- print_job: kind (receipt | reprint), next_attempt_at (retry with backoff), printer_state (why the last
  attempt failed), printed_at, and an index to find due jobs;
- printer_health: one row with the printer's condition when it was last asked or used (for the heartbeat).

Jobs written before this revision were never printed by anything (no printer backend existed); they
become "abandoned", not "queued": an upgraded kiosk must not print a pile of old receipts at night.
They stay reprintable.
"""

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('print_job', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=16), server_default='receipt', nullable=False))
        batch_op.add_column(sa.Column('next_attempt_at', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('printer_state', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('printed_at', sa.String(length=40), nullable=True))
        batch_op.create_index('ix_print_job_state_next_attempt', ['state', 'next_attempt_at'], unique=False)
    op.execute(
        "UPDATE print_job SET state = 'abandoned', "
        "last_error = '升级前的打印任务，可重新打印 / Job from before the print queue; reprint if needed' "
        "WHERE state != 'printed'"
    )
    op.create_table('printer_health',
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=32), nullable=False),
    sa.Column('printer', sa.Text(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('checked_at', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('slot')
    )


def downgrade() -> None:
    op.drop_table('printer_health')
    # 0002 software knows queued, rendered and failed.
    op.execute("UPDATE print_job SET state = 'queued' WHERE state = 'printing'")
    op.execute("UPDATE print_job SET state = 'rendered' WHERE state = 'printed'")
    op.execute("UPDATE print_job SET state = 'failed' WHERE state = 'abandoned'")
    with op.batch_alter_table('print_job', schema=None) as batch_op:
        batch_op.drop_index('ix_print_job_state_next_attempt')
    for column in ('printed_at', 'printer_state', 'next_attempt_at', 'kind'):
        op.drop_column('print_job', column)
