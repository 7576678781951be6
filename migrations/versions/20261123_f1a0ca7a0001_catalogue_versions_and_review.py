"""catalogue versions and review

Revision ID: f1a0ca7a0001
Revises: e5c3a0770001
Create Date: 2026-11-23 11:10:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'f1a0ca7a0001'
down_revision = 'e5c3a0770001'
branch_labels = None
depends_on = None


_USER_COLUMNS = ("edited_by", "submitted_by", "reviewed_by")
_TIME_COLUMNS = ("edited_at", "submitted_at", "reviewed_at", "published_at", "retired_at")


def upgrade():
    with op.batch_alter_table('service_items', schema=None) as batch_op:
        for name in _USER_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=80), nullable=True))
        for name in _TIME_COLUMNS:
            batch_op.add_column(sa.Column(name, app.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('review_note', sa.String(length=500), nullable=True))


def downgrade():
    with op.batch_alter_table('service_items', schema=None) as batch_op:
        batch_op.drop_column('review_note')
        for name in reversed(_TIME_COLUMNS):
            batch_op.drop_column(name)
        for name in reversed(_USER_COLUMNS):
            batch_op.drop_column(name)
