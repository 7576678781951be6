"""Lists that scale (issue 13): the last 4 characters of the applicant's ID number and phone as indexed columns,
so 办件查询 searches by suffix without scanning or logging the full numbers, and indexes for sorting the case
list by received date / deadline and for the window's 今日收件.

Revision ID: 11575a9e0001
Revises: 7e3e5a160001
Create Date: 2026-12-01 16:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '11575a9e0001'
down_revision = '7e3e5a160001'
branch_labels = None
depends_on = None


def _suffix(column: str) -> str:
    # substr(x, length(x) - 3) is the last 4 characters on SQLite and PostgreSQL alike
    return (f"CASE WHEN length({column}) >= 4 THEN upper(substr({column}, length({column}) - 3)) "
            f"ELSE upper({column}) END")


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('applicant_id_suffix', sa.String(length=4), nullable=True))
        batch_op.add_column(sa.Column('applicant_phone_suffix', sa.String(length=4), nullable=True))
    op.execute(f"UPDATE cases SET applicant_id_suffix = {_suffix('applicant_id_number')}, "
               f"applicant_phone_suffix = {_suffix('applicant_phone')}")
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_applicant_id_suffix', ['applicant_id_suffix'], unique=False)
        batch_op.create_index('ix_cases_applicant_phone_suffix', ['applicant_phone_suffix'], unique=False)
        batch_op.create_index('ix_cases_received_at_id', ['received_at', 'id'], unique=False)
        batch_op.create_index('ix_cases_status_received_at', ['status', 'received_at'], unique=False)
        batch_op.create_index('ix_cases_window_id_received_at', ['window_id', 'received_at'], unique=False)


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_window_id_received_at')
        batch_op.drop_index('ix_cases_status_received_at')
        batch_op.drop_index('ix_cases_received_at_id')
        batch_op.drop_index('ix_cases_applicant_phone_suffix')
        batch_op.drop_index('ix_cases_applicant_id_suffix')
        batch_op.drop_column('applicant_phone_suffix')
        batch_op.drop_column('applicant_id_suffix')
