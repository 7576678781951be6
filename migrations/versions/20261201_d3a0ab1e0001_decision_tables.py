"""Decision tables in the database: deployed versions the engine evaluates (decision_definitions) and the
versions people edit, test and have reviewed (decision_versions)

Revision ID: d3a0ab1e0001
Revises: 0e5a7e0d0001
Create Date: 2026-12-01 16:00:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'd3a0ab1e0001'
down_revision = '0e5a7e0d0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'decision_definitions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('decision_key', sa.String(length=100), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('file_name', sa.String(length=200), nullable=False),
        sa.Column('content_hash', sa.String(length=64), nullable=False),
        sa.Column('dmn_xml', sa.Text(), nullable=False),
        sa.Column('deployed_at', app.database.UTCDateTime(), nullable=False),
        sa.Column('deployed_by', sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_definitions')),
        sa.UniqueConstraint('decision_key', 'version', name='uq_decision_definitions_key_version'),
    )
    with op.batch_alter_table('decision_definitions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_definitions_decision_key'), ['decision_key'], unique=False)

    op.create_table(
        'decision_versions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('decision_key', sa.String(length=100), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('file_name', sa.String(length=200), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('dmn_xml', sa.Text(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('based_on', sa.Integer(), nullable=True),
        sa.Column('created_by', sa.String(length=80), nullable=False),
        sa.Column('created_at', app.database.UTCDateTime(), nullable=False),
        sa.Column('edited_by', sa.String(length=80), nullable=True),
        sa.Column('edited_at', app.database.UTCDateTime(), nullable=True),
        sa.Column('submitted_by', sa.String(length=80), nullable=True),
        sa.Column('submitted_at', app.database.UTCDateTime(), nullable=True),
        sa.Column('reviewed_by', sa.String(length=80), nullable=True),
        sa.Column('reviewed_at', app.database.UTCDateTime(), nullable=True),
        sa.Column('review_note', sa.Text(), nullable=True),
        sa.Column('deployed_at', app.database.UTCDateTime(), nullable=True),
        sa.Column('definition_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['definition_id'], ['decision_definitions.id'],
                                name=op.f('fk_decision_versions_definition_id_decision_definitions')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_versions')),
        sa.UniqueConstraint('decision_key', 'number', name='uq_decision_versions_key_number'),
    )
    with op.batch_alter_table('decision_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_versions_decision_key'), ['decision_key'], unique=False)


def downgrade():
    with op.batch_alter_table('decision_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_versions_decision_key'))
    op.drop_table('decision_versions')
    with op.batch_alter_table('decision_definitions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_definitions_decision_key'))
    op.drop_table('decision_definitions')
