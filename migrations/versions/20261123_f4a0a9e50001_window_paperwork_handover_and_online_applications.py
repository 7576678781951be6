"""window paperwork handover and online applications

Revision ID: f4a0a9e50001
Revises: f3a0e11c0001
Create Date: 2026-11-23 11:10:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'f4a0a9e50001'
down_revision = 'f3a0e11c0001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
