"""issuance details, e-licences, public lookups (progress query) and ratings

Revision ID: f3a0e11c0001
Revises: f2a0bb0e0001
Create Date: 2026-11-23 11:10:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'f3a0e11c0001'
down_revision = 'f2a0bb0e0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('recipient', sa.String(length=100), nullable=True),
    sa.Column('recipient_id_suffix', sa.String(length=6), nullable=True),
    sa.Column('confirmed', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('updated_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_deliveries_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_deliveries')),
    sa.UniqueConstraint('case_id', name=op.f('uq_case_deliveries_case_id'))
    )
    op.create_table('licences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('identifier', sa.String(length=200), nullable=False),
    sa.Column('verification_code', sa.String(length=6), nullable=False),
    sa.Column('type_code', sa.String(length=50), nullable=False),
    sa.Column('holder_name', sa.String(length=200), nullable=False),
    sa.Column('holder_code_type', sa.String(length=3), nullable=False),
    sa.Column('holder_code', sa.String(length=18), nullable=False),
    sa.Column('holder_is_person', sa.Boolean(), nullable=False),
    sa.Column('issuer_name', sa.String(length=200), nullable=False),
    sa.Column('issuer_code', sa.String(length=40), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('status_reason', sa.Text(), nullable=True),
    sa.Column('status_changed_at', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('status_changed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_licences_case_id_cases')),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_licences_department_id_departments')),
    sa.ForeignKeyConstraint(['status_changed_by_id'], ['users.id'], name=op.f('fk_licences_status_changed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_licences')),
    sa.UniqueConstraint('identifier', name=op.f('uq_licences_identifier')),
    sa.UniqueConstraint('number', name=op.f('uq_licences_number'))
    )
    with op.batch_alter_table('licences', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_licences_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_licences_department_id'), ['department_id'], unique=False)

    op.create_table('public_lookup_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('remote_addr', sa.String(length=64), nullable=False),
    sa.Column('succeeded', sa.Boolean(), nullable=False),
    sa.Column('attempted_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_public_lookup_attempts'))
    )
    with op.batch_alter_table('public_lookup_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_public_lookup_attempts_attempted_at'), ['attempted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_public_lookup_attempts_remote_addr'), ['remote_addr'], unique=False)

    op.create_table('ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('grade', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('excluded', sa.Boolean(), nullable=False),
    sa.Column('follow_up_state', sa.String(length=20), nullable=True),
    sa.Column('rectification_deadline', sa.Date(), nullable=True),
    sa.Column('rectification_note', sa.Text(), nullable=True),
    sa.Column('rectified_at', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('appeal_reason', sa.Text(), nullable=True),
    sa.Column('appealed_at', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('appeal_note', sa.Text(), nullable=True),
    sa.Column('appeal_decided_at', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_ratings_case_id_cases')),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_ratings_department_id_departments')),
    sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], name=op.f('fk_ratings_entered_by_id_users')),
    sa.ForeignKeyConstraint(['item_id'], ['service_items.id'], name=op.f('fk_ratings_item_id_service_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ratings')),
    sa.UniqueConstraint('case_id', 'channel', name='uq_ratings_case_channel')
    )
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ratings_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ratings_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_ratings_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ratings_item_id'), ['item_id'], unique=False)


def downgrade():
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ratings_item_id'))
        batch_op.drop_index(batch_op.f('ix_ratings_department_id'))
        batch_op.drop_index(batch_op.f('ix_ratings_created_at'))
        batch_op.drop_index(batch_op.f('ix_ratings_case_id'))
    op.drop_table('ratings')
    with op.batch_alter_table('public_lookup_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_public_lookup_attempts_remote_addr'))
        batch_op.drop_index(batch_op.f('ix_public_lookup_attempts_attempted_at'))
    op.drop_table('public_lookup_attempts')
    with op.batch_alter_table('licences', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_licences_department_id'))
        batch_op.drop_index(batch_op.f('ix_licences_case_id'))
    op.drop_table('licences')
    op.drop_table('case_deliveries')
