"""decision documents and signed licence files

Revision ID: d0c5d0c50001
Revises: a1e7c0de0001
Create Date: 2026-12-01 10:00:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'd0c5d0c50001'
down_revision = 'a1e7c0de0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('decision_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('issued_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_decision_documents_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_decision_documents_department_id_departments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_documents')),
    sa.UniqueConstraint('case_id', name=op.f('uq_decision_documents_case_id')),
    sa.UniqueConstraint('number', name=op.f('uq_decision_documents_number'))
    )
    with op.batch_alter_table('decision_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_documents_department_id'), ['department_id'], unique=False)

    op.create_table('licence_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('licence_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('signer', sa.String(length=300), nullable=False),
    sa.Column('signed_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['licence_id'], ['licences.id'], name=op.f('fk_licence_files_licence_id_licences'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_licence_files')),
    sa.UniqueConstraint('licence_id', name=op.f('uq_licence_files_licence_id'))
    )


def downgrade():
    op.drop_table('licence_files')
    with op.batch_alter_table('decision_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_documents_department_id'))
    op.drop_table('decision_documents')
