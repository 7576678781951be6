"""互联互通: the transactional outbox of case and e-licence events, subscribers and their deliveries (lease,
retries, dead letters), and the OAuth2 clients and tokens of department systems

Revision ID: e8c4a17e0001
Revises: c4ec0a110001
Create Date: 2026-12-01 16:00:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


# revision identifiers, used by Alembic.
revision = 'e8c4a17e0001'
down_revision = 'c4ec0a110001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('exchange_subscribers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('amqp_exchange', sa.String(length=100), nullable=True),
    sa.Column('secret', sa.String(length=200), nullable=True),
    sa.Column('personal_data', sa.String(length=10), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('max_attempts', sa.Integer(), nullable=False),
    sa.Column('retry_base_seconds', sa.Double(), nullable=False),
    sa.Column('retry_max_seconds', sa.Double(), nullable=False),
    sa.Column('timeout_seconds', sa.Double(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_subscribers')),
    sa.UniqueConstraint('name', name=op.f('uq_exchange_subscribers_name'))
    )
    op.create_table('exchange_clients',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=80), nullable=False),
    sa.Column('client_secret_hash', sa.String(length=300), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('scopes', sa.JSON(), nullable=False),
    sa.Column('personal_data', sa.String(length=10), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_exchange_clients_department_id_departments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_clients')),
    sa.UniqueConstraint('client_id', name=op.f('uq_exchange_clients_client_id'))
    )
    with op.batch_alter_table('exchange_clients', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_clients_department_id'), ['department_id'], unique=False)

    op.create_table('exchange_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('scope', sa.String(length=200), nullable=False),
    sa.Column('issued_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revoked', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['exchange_clients.id'], name=op.f('fk_exchange_tokens_client_id_exchange_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_exchange_tokens_token_hash'))
    )
    with op.batch_alter_table('exchange_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_tokens_client_id'), ['client_id'], unique=False)

    op.create_table('exchange_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=120), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('case_no', sa.String(length=50), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=40), nullable=False),
    sa.Column('occurred_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_exchange_outbox_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_outbox')),
    sa.UniqueConstraint('case_id', 'seq', name='uq_exchange_outbox_case_seq'),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_exchange_outbox_idempotency_key'))
    )
    with op.batch_alter_table('exchange_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_outbox_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_outbox_occurred_at'), ['occurred_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_outbox_topic'), ['topic'], unique=False)

    op.create_table('exchange_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subscriber_id', sa.Integer(), nullable=False),
    sa.Column('outbox_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('lease_owner', sa.String(length=80), nullable=True),
    sa.Column('lease_until', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('delivered_at', app.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['outbox_id'], ['exchange_outbox.id'], name=op.f('fk_exchange_deliveries_outbox_id_exchange_outbox'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subscriber_id'], ['exchange_subscribers.id'], name=op.f('fk_exchange_deliveries_subscriber_id_exchange_subscribers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_deliveries')),
    sa.UniqueConstraint('subscriber_id', 'outbox_id', name='uq_exchange_deliveries_subscriber_outbox')
    )
    with op.batch_alter_table('exchange_deliveries', schema=None) as batch_op:
        batch_op.create_index('ix_exchange_deliveries_claim', ['status', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_deliveries_outbox_id'), ['outbox_id'], unique=False)
        batch_op.create_index('ix_exchange_deliveries_stream', ['subscriber_id', 'case_id', 'seq'], unique=False)



def downgrade():
    with op.batch_alter_table('exchange_deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_exchange_deliveries_stream')
        batch_op.drop_index(batch_op.f('ix_exchange_deliveries_outbox_id'))
        batch_op.drop_index('ix_exchange_deliveries_claim')

    op.drop_table('exchange_deliveries')
    with op.batch_alter_table('exchange_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_outbox_topic'))
        batch_op.drop_index(batch_op.f('ix_exchange_outbox_occurred_at'))
        batch_op.drop_index(batch_op.f('ix_exchange_outbox_case_id'))

    op.drop_table('exchange_outbox')
    with op.batch_alter_table('exchange_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_tokens_client_id'))

    op.drop_table('exchange_tokens')
    with op.batch_alter_table('exchange_clients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_clients_department_id'))

    op.drop_table('exchange_clients')
    op.drop_table('exchange_subscribers')
