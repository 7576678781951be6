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
    pass


def downgrade():
    pass
