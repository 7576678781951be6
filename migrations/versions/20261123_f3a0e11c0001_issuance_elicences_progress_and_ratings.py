"""issuance elicences progress and ratings

Revision ID: f3a0e11c0001
Revises: f2a0bb0e0001
Create Date: 2026-11-23 11:10:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'f3a0e11c0001'
down_revision = 'f2a0bb0e0001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
