"""申请延长审批: a handling department's request for an extension, approved or declined by the lead department's
approver or head

Revision ID: 0e5a7e0d0001
Revises: e8c4a17e0001
Create Date: 2026-12-01 16:00:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = '0e5a7e0d0001'
down_revision = 'e8c4a17e0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'case_extension_requests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('days', sa.Integer(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('requested_at', app.database.UTCDateTime(), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=False),
        sa.Column('decided_at', app.database.UTCDateTime(), nullable=True),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decision_note', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_extension_requests_case_id_cases'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'],
                                name=op.f('fk_case_extension_requests_requested_by_id_users')),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'],
                                name=op.f('fk_case_extension_requests_decided_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_extension_requests')),
    )
    with op.batch_alter_table('case_extension_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_extension_requests_case_id'), ['case_id'], unique=False)


def downgrade():
    with op.batch_alter_table('case_extension_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_extension_requests_case_id'))
    op.drop_table('case_extension_requests')
