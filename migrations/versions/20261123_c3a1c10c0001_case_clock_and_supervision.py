"""case clock (pauses, extensions, calendar overrides) and electronic supervision

Revision ID: c3a1c10c0001
Revises: b6397265a8f3
Create Date: 2026-11-23 10:50:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'c3a1c10c0001'
down_revision = 'b6397265a8f3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_overrides',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('is_working_day', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_calendar_overrides_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_overrides')),
    sa.UniqueConstraint('day', name=op.f('uq_calendar_overrides_day'))
    )
    op.create_table('case_extensions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('days', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('previous_deadline', sa.Date(), nullable=False),
    sa.Column('previous_legal_deadline', sa.Date(), nullable=False),
    sa.Column('decided_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_extensions_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_case_extensions_decided_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_extensions')),
    sa.UniqueConstraint('case_id', name=op.f('uq_case_extensions_case_id'))
    )
    op.create_table('case_pauses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('expected_days', sa.Integer(), nullable=True),
    sa.Column('expected_end_on', sa.Date(), nullable=True),
    sa.Column('started_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('started_by_id', sa.Integer(), nullable=False),
    sa.Column('department_code', sa.String(length=40), nullable=True),
    sa.Column('ended_at', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('ended_by_id', sa.Integer(), nullable=True),
    sa.Column('end_note', sa.Text(), nullable=True),
    sa.Column('paused_working_days', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_pauses_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ended_by_id'], ['users.id'], name=op.f('fk_case_pauses_ended_by_id_users')),
    sa.ForeignKeyConstraint(['started_by_id'], ['users.id'], name=op.f('fk_case_pauses_started_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_pauses'))
    )
    with op.batch_alter_table('case_pauses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_pauses_case_id'), ['case_id'], unique=False)

    op.create_table('supervision_cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('department_code', sa.String(length=40), nullable=False),
    sa.Column('issued_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('appeal_reason', sa.Text(), nullable=True),
    sa.Column('appealed_at', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('appealed_by_id', sa.Integer(), nullable=True),
    sa.Column('decision', sa.String(length=20), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.Column('decided_at', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['appealed_by_id'], ['users.id'], name=op.f('fk_supervision_cards_appealed_by_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_supervision_cards_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_supervision_cards_decided_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_cards')),
    sa.UniqueConstraint('case_id', 'level', name='uq_supervision_cards_case_level')
    )
    with op.batch_alter_table('supervision_cards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_cards_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_cards_department_code'), ['department_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_cards_status'), ['status'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decided_at', app.database.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('paused_since', app.database.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('warning_level', sa.String(length=20), nullable=True))
        batch_op.create_index(batch_op.f('ix_cases_warning_level'), ['warning_level'], unique=False)


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_warning_level'))
        batch_op.drop_column('warning_level')
        batch_op.drop_column('paused_since')
        batch_op.drop_column('decided_at')

    with op.batch_alter_table('supervision_cards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_cards_status'))
        batch_op.drop_index(batch_op.f('ix_supervision_cards_department_code'))
        batch_op.drop_index(batch_op.f('ix_supervision_cards_case_id'))

    op.drop_table('supervision_cards')
    with op.batch_alter_table('case_pauses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_pauses_case_id'))

    op.drop_table('case_pauses')
    op.drop_table('case_extensions')
    op.drop_table('calendar_overrides')
