"""approval operations

Revision ID: f2a0bb0e0001
Revises: f1a0ca7a0001
Create Date: 2026-11-23 11:10:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'f2a0bb0e0001'
down_revision = 'f1a0ca7a0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('service_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('countersign_mode', sa.String(length=10), server_default='all', nullable=False))
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('suspended_at', app.database.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('last_urged_at', app.database.UTCDateTime(timezone=True), nullable=True))
    with op.batch_alter_table('human_tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('transferred', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('delegated_by', sa.String(length=80), nullable=True))
    op.create_table('task_cosigners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=False),
    sa.Column('added_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('signed_at', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('opinion', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['task_id'], ['human_tasks.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('task_id', 'user_id', name='uq_task_cosigners_task_user')
    )
    with op.batch_alter_table('task_cosigners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_cosigners_task_id'), ['task_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_cosigners_user_id'), ['user_id'], unique=False)


def downgrade():
    op.drop_table('task_cosigners')
    with op.batch_alter_table('human_tasks', schema=None) as batch_op:
        batch_op.drop_column('delegated_by')
        batch_op.drop_column('transferred')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('last_urged_at')
        batch_op.drop_column('suspended_at')
    with op.batch_alter_table('service_items', schema=None) as batch_op:
        batch_op.drop_column('countersign_mode')
