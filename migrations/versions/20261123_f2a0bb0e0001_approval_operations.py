"""approval operations

Revision ID: f2a0bb0e0001
Revises: f1a0ca7a0001
Create Date: 2026-11-23 11:10:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'f2a0bb0e0001'
down_revision = 'f1a0ca7a0001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
