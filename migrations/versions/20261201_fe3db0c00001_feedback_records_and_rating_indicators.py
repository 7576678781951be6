"""咨询 / 投诉举报 records with their history; 好差评 national indicator grades and their version on ratings

Revision ID: fe3db0c00001
Revises: ca7a10900001
Create Date: 2026-12-01 12:50:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'fe3db0c00001'
down_revision = 'ca7a10900001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('feedback_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('subject_kind', sa.String(length=20), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('window_id', sa.Integer(), nullable=True),
    sa.Column('subject_department_id', sa.Integer(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('region_code', sa.String(length=12), nullable=True),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('contact_name', sa.String(length=100), nullable=True),
    sa.Column('contact_phone', sa.String(length=40), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('workflow_instance_id', sa.Integer(), nullable=True),
    sa.Column('step', sa.String(length=40), nullable=True),
    sa.Column('task_id', sa.String(length=64), nullable=True),
    sa.Column('candidate_groups', sa.JSON(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('submitted_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('answered_at', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('publishable', sa.Boolean(), nullable=False),
    sa.Column('drafted_by_id', sa.Integer(), nullable=True),
    sa.Column('signed_by_id', sa.Integer(), nullable=True),
    sa.Column('satisfaction', sa.Integer(), nullable=True),
    sa.Column('visit_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_feedback_records_case_id_cases')),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_feedback_records_department_id_departments')),
    sa.ForeignKeyConstraint(['drafted_by_id'], ['users.id'], name=op.f('fk_feedback_records_drafted_by_id_users')),
    sa.ForeignKeyConstraint(['item_id'], ['service_items.id'], name=op.f('fk_feedback_records_item_id_service_items')),
    sa.ForeignKeyConstraint(['signed_by_id'], ['users.id'], name=op.f('fk_feedback_records_signed_by_id_users')),
    sa.ForeignKeyConstraint(['subject_department_id'], ['departments.id'], name=op.f('fk_feedback_records_subject_department_id_departments')),
    sa.ForeignKeyConstraint(['window_id'], ['windows.id'], name=op.f('fk_feedback_records_window_id_windows')),
    sa.ForeignKeyConstraint(['workflow_instance_id'], ['workflow_instances.id'], name=op.f('fk_feedback_records_workflow_instance_id_workflow_instances')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_records')),
    sa.UniqueConstraint('number', name=op.f('uq_feedback_records_number'))
    )
    with op.batch_alter_table('feedback_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_records_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_records_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_records_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_records_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_records_region_code'), ['region_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_records_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_records_submitted_at'), ['submitted_at'], unique=False)

    op.create_table('feedback_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('opinion', sa.Text(), nullable=True),
    sa.Column('occurred_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_feedback_events_actor_id_users')),
    sa.ForeignKeyConstraint(['record_id'], ['feedback_records.id'], name=op.f('fk_feedback_events_record_id_feedback_records'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_events'))
    )
    with op.batch_alter_table('feedback_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_events_record_id'), ['record_id'], unique=False)

    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('indicators', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('indicator_version', sa.String(length=40), nullable=True))



def downgrade():
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.drop_column('indicator_version')
        batch_op.drop_column('indicators')

    with op.batch_alter_table('feedback_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_events_record_id'))

    op.drop_table('feedback_events')
    with op.batch_alter_table('feedback_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_records_submitted_at'))
        batch_op.drop_index(batch_op.f('ix_feedback_records_state'))
        batch_op.drop_index(batch_op.f('ix_feedback_records_region_code'))
        batch_op.drop_index(batch_op.f('ix_feedback_records_kind'))
        batch_op.drop_index(batch_op.f('ix_feedback_records_item_id'))
        batch_op.drop_index(batch_op.f('ix_feedback_records_department_id'))
        batch_op.drop_index(batch_op.f('ix_feedback_records_case_id'))

    op.drop_table('feedback_records')
