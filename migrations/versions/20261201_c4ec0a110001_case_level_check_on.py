"""电子监察 in proportion to what changes: each running case knows the first day its level can change

Revision ID: c4ec0a110001
Revises: a0d17e550001
Create Date: 2026-12-01 16:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c4ec0a110001'
down_revision = 'a0d17e550001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('level_check_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('level_rules', sa.String(length=16), nullable=True))
        batch_op.create_index('ix_cases_status_level_check_on', ['status', 'level_check_on'], unique=False)
        batch_op.create_index('ix_cases_status_level_rules', ['status', 'level_rules'], unique=False)


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_status_level_rules')
        batch_op.drop_index('ix_cases_status_level_check_on')
        batch_op.drop_column('level_rules')
        batch_op.drop_column('level_check_on')
