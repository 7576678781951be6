"""admin audit trail and deactivatable regions

``admin_audit``: one row per administrator change (who, when, what, before/after; never a password).
``regions.active``: a deactivated region takes no new sub-regions, centres, departments or staff.

Revision ID: f6ad31a70001
Revises: c7f0a3f00001
Create Date: 2026-12-01 10:30:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'f6ad31a70001'
down_revision = 'c7f0a3f00001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('admin_audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', app.database.UTCDateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_username', sa.String(length=80), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('entity_type', sa.String(length=30), nullable=False),
    sa.Column('entity_key', sa.String(length=80), nullable=False),
    sa.Column('region_code', sa.String(length=12), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_admin_audit_actor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_audit'))
    )
    with op.batch_alter_table('admin_audit', schema=None) as batch_op:
        batch_op.create_index('ix_admin_audit_entity', ['entity_type', 'entity_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_admin_audit_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_admin_audit_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_admin_audit_region_code'), ['region_code'], unique=False)

    with op.batch_alter_table('regions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade():
    with op.batch_alter_table('regions', schema=None) as batch_op:
        batch_op.drop_column('active')

    with op.batch_alter_table('admin_audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_admin_audit_region_code'))
        batch_op.drop_index(batch_op.f('ix_admin_audit_at'))
        batch_op.drop_index(batch_op.f('ix_admin_audit_actor_id'))
        batch_op.drop_index('ix_admin_audit_entity')

    op.drop_table('admin_audit')
