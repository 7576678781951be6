"""Due-soon reminders claimed on the task row (reminded_at), so two schedulers never remind a task twice

Revision ID: 7e41d0e50001
Revises: d1a7d0a50001
Create Date: 2026-12-01 16:20:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = '7e41d0e50001'
down_revision = 'd1a7d0a50001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('human_tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminded_at', app.database.UTCDateTime(), nullable=True))
        batch_op.create_index('ix_human_tasks_state_due', ['state', 'due_at'], unique=False)
    # tasks already reminded before this column existed keep their reminder: never send it again
    op.execute(
        "UPDATE human_tasks SET reminded_at = (SELECT MIN(n.created_at) FROM notifications n "
        "WHERE n.kind = 'due_soon' AND n.task_id = human_tasks.id) "
        "WHERE EXISTS (SELECT 1 FROM notifications n WHERE n.kind = 'due_soon' AND n.task_id = human_tasks.id)"
    )


def downgrade():
    with op.batch_alter_table('human_tasks', schema=None) as batch_op:
        batch_op.drop_index('ix_human_tasks_state_due')
        batch_op.drop_column('reminded_at')
