"""撤件 of an online application by its applicant: when and why (a withdrawn case keeps both in its history)

Revision ID: d1a7d0a50001
Revises: 9c0de0a10001
Create Date: 2026-12-01 12:50:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'd1a7d0a50001'
down_revision = '9c0de0a10001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('online_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_at', app.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('withdrawal_reason', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('online_applications', schema=None) as batch_op:
        batch_op.drop_column('withdrawal_reason')
        batch_op.drop_column('withdrawn_at')
