"""Two-person retirement of a published item version (requested by one reviewer, confirmed by another, both
recorded) and the supervisor's review of a bad rating's rectification (差评整改复核)

Revision ID: 5e9e7a1a0001
Revises: d3a0ab1e0001
Create Date: 2026-12-01 16:00:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = '5e9e7a1a0001'
down_revision = 'd3a0ab1e0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('service_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retire_requested_by', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('retire_requested_at', app.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('retire_reason', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('retired_by', sa.String(length=80), nullable=True))
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rectification_reviewed_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('rectification_reviewed_at', app.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('rectification_review_note', sa.Text(), nullable=True))
        batch_op.create_foreign_key('fk_ratings_rectification_reviewed_by_id_users', 'users',
                                    ['rectification_reviewed_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.drop_constraint('fk_ratings_rectification_reviewed_by_id_users', type_='foreignkey')
        batch_op.drop_column('rectification_review_note')
        batch_op.drop_column('rectification_reviewed_at')
        batch_op.drop_column('rectification_reviewed_by_id')
    with op.batch_alter_table('service_items', schema=None) as batch_op:
        batch_op.drop_column('retired_by')
        batch_op.drop_column('retire_reason')
        batch_op.drop_column('retire_requested_at')
        batch_op.drop_column('retire_requested_by')
