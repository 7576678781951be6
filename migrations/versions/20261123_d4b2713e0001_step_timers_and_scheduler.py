"""step timers, escalation and scheduler bookkeeping

Revision ID: d4b2713e0001
Revises: c3a1c10c0001
Create Date: 2026-11-23 10:51:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'd4b2713e0001'
down_revision = 'c3a1c10c0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient_user_id', sa.Integer(), nullable=True),
    sa.Column('recipient_group', sa.String(length=120), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('created_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('read_at', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint('recipient_user_id IS NOT NULL OR recipient_group IS NOT NULL',
                       name=op.f('ck_notifications_recipient')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_notifications_case_id_cases'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recipient_user_id'], ['users.id'],
                            name=op.f('fk_notifications_recipient_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_recipient_user_id'), ['recipient_user_id'], unique=False)
        batch_op.create_index('ix_notifications_group_created', ['recipient_group', 'created_at'], unique=False)
        batch_op.create_index('ix_notifications_kind_task', ['kind', 'task_id'], unique=False)

    with op.batch_alter_table('service_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('timeout_action', sa.String(length=20), server_default='remind',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('service_items', schema=None) as batch_op:
        batch_op.drop_column('timeout_action')

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_kind_task')
        batch_op.drop_index('ix_notifications_group_created')
        batch_op.drop_index(batch_op.f('ix_notifications_recipient_user_id'))
        batch_op.drop_index(batch_op.f('ix_notifications_case_id'))

    op.drop_table('notifications')
