"""portal catalogue and 办件公示: material samples, departments' 咨询/监督 phones, items' disclosure flag, case indexes

Material sample links (示例样表), the 咨询电话 / 监督投诉电话 of departments for the guide, whether an item's decided
cases are published (办件公示) and the indexes of the public list of decided cases.

Revision ID: ca7a10900001
Revises: 5ca45a9e0001
Create Date: 2026-12-01 13:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'ca7a10900001'
down_revision = '5ca45a9e0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('service_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('disclose_cases', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('disclosure_note', sa.String(length=200), nullable=True))
    with op.batch_alter_table('item_materials', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sample_url', sa.String(length=500), nullable=True))
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consult_phone', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('supervision_phone', sa.String(length=40), nullable=False, server_default=''))
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_decided_at_id', ['decided_at', 'id'], unique=False)
        batch_op.create_index('ix_cases_item_id_decided_at', ['item_id', 'decided_at'], unique=False)


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_item_id_decided_at')
        batch_op.drop_index('ix_cases_decided_at_id')
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.drop_column('supervision_phone')
        batch_op.drop_column('consult_phone')
    with op.batch_alter_table('item_materials', schema=None) as batch_op:
        batch_op.drop_column('sample_url')
    with op.batch_alter_table('service_items', schema=None) as batch_op:
        batch_op.drop_column('disclosure_note')
        batch_op.drop_column('disclose_cases')
