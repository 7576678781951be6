"""login attempts for throttling password guessing

Revision ID: e5c3a0770001
Revises: d4b2713e0001
Create Date: 2026-11-23 11:05:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'e5c3a0770001'
down_revision = 'd4b2713e0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('remote_addr', sa.String(length=64), nullable=False),
    sa.Column('succeeded', sa.Boolean(), nullable=False),
    sa.Column('attempted_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempts'))
    )
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.create_index('ix_login_attempts_address_at', ['remote_addr', 'attempted_at'], unique=False)
        batch_op.create_index('ix_login_attempts_username_at', ['username', 'attempted_at'], unique=False)


def downgrade():
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_login_attempts_username_at')
        batch_op.drop_index('ix_login_attempts_address_at')
    op.drop_table('login_attempts')
