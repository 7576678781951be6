"""step timers, escalation and scheduler bookkeeping

Revision ID: d4b2713e0001
Revises: c3a1c10c0001
Create Date: 2026-11-23 10:51:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'd4b2713e0001'
down_revision = 'c3a1c10c0001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
