"""通办 and 代办: tracked postal handovers between centres (收受分离), 代办 applications, agent hand-over

Revision ID: e2a9b0f50001
Revises: f6ad31a70001
Create Date: 2026-12-01 10:15:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'e2a9b0f50001'
down_revision = 'f6ad31a70001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('material_handovers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('from_centre_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('to_centre_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('carrier', sa.String(length=50), nullable=True))
        batch_op.add_column(sa.Column('tracking_no', sa.String(length=50), nullable=True))
        batch_op.create_index(batch_op.f('ix_material_handovers_from_centre_id'), ['from_centre_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_material_handovers_to_centre_id'), ['to_centre_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_material_handovers_tracking_no'), ['tracking_no'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_material_handovers_from_centre_id_service_centres'),
                                    'service_centres', ['from_centre_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_material_handovers_to_centre_id_service_centres'),
                                    'service_centres', ['to_centre_id'], ['id'])
    with op.batch_alter_table('online_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agent_user_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('agent', sa.JSON(), nullable=True))
        batch_op.create_index(batch_op.f('ix_online_applications_agent_user_id'), ['agent_user_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_online_applications_agent_user_id_users'),
                                    'users', ['agent_user_id'], ['id'])
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agent_delivered_at', app.database.UTCDateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('agent_delivered_at')
    with op.batch_alter_table('online_applications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_online_applications_agent_user_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_online_applications_agent_user_id'))
        batch_op.drop_column('agent')
        batch_op.drop_column('agent_user_id')
    with op.batch_alter_table('material_handovers', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_material_handovers_to_centre_id_service_centres'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_material_handovers_from_centre_id_service_centres'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_material_handovers_tracking_no'))
        batch_op.drop_index(batch_op.f('ix_material_handovers_to_centre_id'))
        batch_op.drop_index(batch_op.f('ix_material_handovers_from_centre_id'))
        batch_op.drop_column('tracking_no')
        batch_op.drop_column('carrier')
        batch_op.drop_column('to_centre_id')
        batch_op.drop_column('from_centre_id')
