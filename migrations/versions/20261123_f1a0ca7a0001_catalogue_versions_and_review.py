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


def upgrade():
    pass


def downgrade():
    pass
