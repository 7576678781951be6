"""case files: electronic materials of cases and online applications (content-addressed by SHA-256)

Revision ID: b9f11e500001
Revises: d0c5d0c50001
Create Date: 2026-12-01 09:45:15

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'b9f11e500001'
down_revision = 'd0c5d0c50001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('material_code', sa.String(length=40), nullable=False),
    sa.Column('material_name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=True),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_by_name', sa.String(length=100), nullable=False),
    sa.Column('uploaded_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('source_file_id', sa.Integer(), nullable=True),
    sa.Column('source_case_id', sa.Integer(), nullable=True),
    sa.Column('source_licence_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('case_id IS NOT NULL OR application_id IS NOT NULL', name=op.f('ck_case_files_owner')),
    sa.CheckConstraint('sha256 IS NOT NULL OR source_licence_id IS NOT NULL', name=op.f('ck_case_files_content')),
    sa.ForeignKeyConstraint(['application_id'], ['online_applications.id'], name=op.f('fk_case_files_application_id_online_applications')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_files_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_case_id'], ['cases.id'], name=op.f('fk_case_files_source_case_id_cases')),
    sa.ForeignKeyConstraint(['source_file_id'], ['case_files.id'], name=op.f('fk_case_files_source_file_id_case_files')),
    sa.ForeignKeyConstraint(['source_licence_id'], ['licences.id'], name=op.f('fk_case_files_source_licence_id_licences')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_case_files_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_files'))
    )
    with op.batch_alter_table('case_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_files_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_files_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_files_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_files_uploaded_at'), ['uploaded_at'], unique=False)



def downgrade():
    with op.batch_alter_table('case_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_files_uploaded_at'))
        batch_op.drop_index(batch_op.f('ix_case_files_sha256'))
        batch_op.drop_index(batch_op.f('ix_case_files_case_id'))
        batch_op.drop_index(batch_op.f('ix_case_files_application_id'))

    op.drop_table('case_files')
