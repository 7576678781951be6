"""window paperwork handover and online applications

Revision ID: f4a0a9e50001
Revises: f3a0e11c0001
Create Date: 2026-11-23 11:10:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'f4a0a9e50001'
down_revision = 'f3a0e11c0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=20), server_default='window', nullable=False))

    op.create_table('case_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('issued_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_notices_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_notices')),
    sa.UniqueConstraint('case_id', 'kind', name='uq_case_notices_case_kind'),
    sa.UniqueConstraint('number', name=op.f('uq_case_notices_number'))
    )
    with op.batch_alter_table('case_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_notices_case_id'), ['case_id'], unique=False)

    op.create_table('material_handovers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('materials', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('handed_over_by_id', sa.Integer(), nullable=False),
    sa.Column('handed_over_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('signed_by_id', sa.Integer(), nullable=True),
    sa.Column('signed_at', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('sign_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_material_handovers_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_material_handovers_department_id_departments')),
    sa.ForeignKeyConstraint(['handed_over_by_id'], ['users.id'], name=op.f('fk_material_handovers_handed_over_by_id_users')),
    sa.ForeignKeyConstraint(['signed_by_id'], ['users.id'], name=op.f('fk_material_handovers_signed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_material_handovers')),
    sa.UniqueConstraint('case_id', 'department_id', name='uq_material_handovers_case_department')
    )
    with op.batch_alter_table('material_handovers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_material_handovers_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_material_handovers_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_material_handovers_handed_over_at'), ['handed_over_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_material_handovers_state'), ['state'], unique=False)

    op.create_table('online_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_no', sa.String(length=50), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('applicant_kind', sa.String(length=20), nullable=False),
    sa.Column('applicant_name', sa.String(length=200), nullable=False),
    sa.Column('applicant_id_number', sa.String(length=18), nullable=False),
    sa.Column('applicant_phone', sa.String(length=20), nullable=False),
    sa.Column('materials', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('submitted_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('resubmitted_at', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('missing', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_online_applications_case_id_cases')),
    sa.ForeignKeyConstraint(['item_id'], ['service_items.id'], name=op.f('fk_online_applications_item_id_service_items')),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_online_applications_reviewed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_online_applications')),
    sa.UniqueConstraint('application_no', name=op.f('uq_online_applications_application_no'))
    )
    with op.batch_alter_table('online_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_online_applications_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_online_applications_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_online_applications_state'), ['state'], unique=False)

    op.create_table('online_submission_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('remote_addr', sa.String(length=64), nullable=False),
    sa.Column('attempted_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_online_submission_attempts'))
    )
    with op.batch_alter_table('online_submission_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_online_submission_attempts_attempted_at'), ['attempted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_online_submission_attempts_remote_addr'), ['remote_addr'], unique=False)


def downgrade():
    with op.batch_alter_table('online_submission_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_online_submission_attempts_remote_addr'))
        batch_op.drop_index(batch_op.f('ix_online_submission_attempts_attempted_at'))
    op.drop_table('online_submission_attempts')
    with op.batch_alter_table('online_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_online_applications_state'))
        batch_op.drop_index(batch_op.f('ix_online_applications_item_id'))
        batch_op.drop_index(batch_op.f('ix_online_applications_case_id'))
    op.drop_table('online_applications')
    with op.batch_alter_table('material_handovers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_material_handovers_state'))
        batch_op.drop_index(batch_op.f('ix_material_handovers_handed_over_at'))
        batch_op.drop_index(batch_op.f('ix_material_handovers_department_id'))
        batch_op.drop_index(batch_op.f('ix_material_handovers_case_id'))
    op.drop_table('material_handovers')
    with op.batch_alter_table('case_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_notices_case_id'))
    op.drop_table('case_notices')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('channel')
