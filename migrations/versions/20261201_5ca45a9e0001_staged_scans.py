"""staged scans: window scans made before the 受理 decision, owned by their clerk until a case takes them

Revision ID: 5ca45a9e0001
Revises: acc0a7e00001
Create Date: 2026-12-01 12:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5ca45a9e0001'
down_revision = 'acc0a7e00001'
branch_labels = None
depends_on = None

OLD_OWNER = "case_id IS NOT NULL OR application_id IS NOT NULL"
NEW_OWNER = "case_id IS NOT NULL OR application_id IS NOT NULL OR staged_by_id IS NOT NULL"


def upgrade():
    with op.batch_alter_table('case_files', schema=None) as batch_op:
        batch_op.add_column(sa.Column('staged_by_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_case_files_staged_by_id'), ['staged_by_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_case_files_staged_by_id_users'), 'users', ['staged_by_id'],
                                    ['id'])
        batch_op.drop_constraint(op.f('ck_case_files_owner'), type_='check')
        batch_op.create_check_constraint(op.f('ck_case_files_owner'), sa.text(NEW_OWNER))


def downgrade():
    op.execute("DELETE FROM case_files WHERE case_id IS NULL AND application_id IS NULL")
    with op.batch_alter_table('case_files', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_case_files_owner'), type_='check')
        batch_op.create_check_constraint(op.f('ck_case_files_owner'), sa.text(OLD_OWNER))
        batch_op.drop_constraint(batch_op.f('fk_case_files_staged_by_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_case_files_staged_by_id'))
        batch_op.drop_column('staged_by_id')
