"""item application forms, situational materials and form data of cases and online applications

Revision ID: c7f0a3f00001
Revises: b9f11e500001
Create Date: 2026-12-01 09:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c7f0a3f00001'
down_revision = 'b9f11e500001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('service_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('form_schema', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('situations', sa.JSON(), nullable=True))
    with op.batch_alter_table('item_materials', schema=None) as batch_op:
        batch_op.add_column(sa.Column('condition', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('condition_note', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('situations', sa.JSON(), nullable=True))
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('form_data', sa.JSON(), nullable=True))
    with op.batch_alter_table('online_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('form_data', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('online_applications', schema=None) as batch_op:
        batch_op.drop_column('form_data')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('form_data')
    with op.batch_alter_table('item_materials', schema=None) as batch_op:
        batch_op.drop_column('situations')
        batch_op.drop_column('condition_note')
        batch_op.drop_column('condition')
    with op.batch_alter_table('service_items', schema=None) as batch_op:
        batch_op.drop_column('situations')
        batch_op.drop_column('form_schema')
