"""server-side page sessions (revoked on logout, one working day long)

``page_sessions``: one row per browser login (staff or applicant); the cookie carries a random token whose
SHA-256 is stored here, so that a logout ends the session on the server.

Revision ID: 5ec0de5e0001
Revises: e2a9b0f50001
Create Date: 2026-12-01 13:00:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = '5ec0de5e0001'
down_revision = 'e2a9b0f50001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('page_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('principal_kind', sa.String(length=20), nullable=False),
    sa.Column('principal_id', sa.Integer(), nullable=False),
    sa.Column('created_at', app.database.UTCDateTime(), nullable=False),
    sa.Column('expires_at', app.database.UTCDateTime(), nullable=False),
    sa.Column('revoked_at', app.database.UTCDateTime(), nullable=True),
    sa.CheckConstraint("principal_kind IN ('staff', 'applicant')", name=op.f('ck_page_sessions_principal_kind_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_page_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_page_sessions_token_hash'))
    )
    with op.batch_alter_table('page_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_page_sessions_principal_id'), ['principal_id'], unique=False)


def downgrade():
    with op.batch_alter_table('page_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_page_sessions_principal_id'))
    op.drop_table('page_sessions')
