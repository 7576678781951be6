"""查询码: a random query code on every case and online application (no longer the ID number's tail), and
the looked-up number on public lookup attempts (throttling per case as well as per client)

Revision ID: 9c0de0a10001
Revises: fe3db0c00001
Create Date: 2026-12-01 13:00:00

"""
import secrets

from alembic import op
import sqlalchemy as sa


revision = '9c0de0a10001'
down_revision = 'fe3db0c00001'
branch_labels = None
depends_on = None

#: as app.applicants.query_code (copied: a migration must not change when the application code does)
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8


def _new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def _backfill(table_name: str) -> None:
    """Every existing row gets its own random code (one UPDATE per row: each needs a fresh secret)."""
    connection = op.get_bind()
    table = sa.table(table_name, sa.column('id', sa.Integer()), sa.column('query_code', sa.String(16)))
    ids = connection.execute(sa.select(table.c.id).where(table.c.query_code.is_(None))).scalars().all()
    for row_id in ids:
        connection.execute(table.update().where(table.c.id == row_id).values(query_code=_new_code()))


def upgrade():
    for table_name in ('cases', 'online_applications'):
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            batch_op.add_column(sa.Column('query_code', sa.String(length=16), nullable=True))
        _backfill(table_name)
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            batch_op.alter_column('query_code', existing_type=sa.String(length=16), nullable=False)
    with op.batch_alter_table('public_lookup_attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject', sa.String(length=80), nullable=True))
        batch_op.create_index(batch_op.f('ix_public_lookup_attempts_subject'), ['subject'], unique=False)


def downgrade():
    with op.batch_alter_table('public_lookup_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_public_lookup_attempts_subject'))
        batch_op.drop_column('subject')
    for table_name in ('online_applications', 'cases'):
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            batch_op.drop_column('query_code')
