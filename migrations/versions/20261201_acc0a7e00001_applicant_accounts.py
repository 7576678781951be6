"""我的办事: applicant accounts (persons and enterprises) and the account an online application was made from

Revision ID: acc0a7e00001
Revises: 5ec0de5e0001
Create Date: 2026-12-01 13:00:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'acc0a7e00001'
down_revision = '5ec0de5e0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'applicant_accounts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('id_number', sa.String(length=18), nullable=False),
        sa.Column('phone', sa.String(length=20), nullable=False),
        sa.Column('contact_name', sa.String(length=100), nullable=True),
        sa.Column('password_hash', sa.String(length=300), nullable=True),
        sa.Column('oidc_subject', sa.String(length=255), nullable=True),
        sa.Column('verified_at', app.database.UTCDateTime(), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', app.database.UTCDateTime(), nullable=False),
        sa.Column('last_login_at', app.database.UTCDateTime(), nullable=True),
        sa.CheckConstraint("kind IN ('person', 'organisation')", name=op.f('ck_applicant_accounts_kind_known')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_applicant_accounts')),
        sa.UniqueConstraint('id_number', name=op.f('uq_applicant_accounts_id_number')),
        sa.UniqueConstraint('oidc_subject', name=op.f('uq_applicant_accounts_oidc_subject')),
    )
    with op.batch_alter_table('online_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('applicant_account_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_online_applications_applicant_account_id'), ['applicant_account_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_online_applications_applicant_account_id_applicant_accounts'),
                                    'applicant_accounts', ['applicant_account_id'], ['id'])


def downgrade():
    with op.batch_alter_table('online_applications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_online_applications_applicant_account_id_applicant_accounts'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_online_applications_applicant_account_id'))
        batch_op.drop_column('applicant_account_id')
    op.drop_table('applicant_accounts')
