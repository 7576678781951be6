"""Keyed case history: HMAC chain under AUDIT_KEY, a global audit ledger, append-only history on PostgreSQL

Existing events are re-chained with HMAC under the configured audit key (each case in seq order). On
PostgreSQL a trigger refuses UPDATE and DELETE of case_events and audit_ledger for every role, and the group
role ``yichuang_app`` gets the rights the application needs but no UPDATE, DELETE or TRUNCATE on them (the
service logs in as a member of that role; migrations run as the owner — see the README's security section).

Revision ID: a0d17e550001
Revises: 7e41d0e50001
Create Date: 2026-12-01 16:45:00

"""
import hashlib
import hmac
import json

import sqlalchemy as sa
from alembic import op
from flask import current_app

import app.database


revision = 'a0d17e550001'
down_revision = '7e41d0e50001'
branch_labels = None
depends_on = None

HISTORY_TABLES = ("case_events", "audit_ledger")


def _digest(key: bytes, case_no: str, row) -> str:
    # frozen copy of app.cases.events.event_digest as of this revision
    content = {
        "case_no": case_no, "seq": row.seq, "occurred_at": row.occurred_at.isoformat(),
        "actor_id": row.actor_id, "actor_name": row.actor_name, "action": row.action, "task_id": row.task_id,
        "step": row.step, "decision": row.decision, "opinion": row.opinion, "detail": row.detail,
        "prev_hash": row.prev_hash,
    }
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hmac.new(key, canonical.encode("utf-8"), hashlib.sha256).hexdigest()


def _rechain_existing_events():
    bind = op.get_bind()
    key = current_app.config["AUDIT_KEY"].encode("utf-8")
    events = sa.table("case_events", sa.column("id"), sa.column("case_id"), sa.column("seq"),
                      sa.column("occurred_at", app.database.UTCDateTime()), sa.column("actor_id"),
                      sa.column("actor_name"), sa.column("action"), sa.column("task_id"), sa.column("step"),
                      sa.column("decision"), sa.column("opinion"), sa.column("detail", sa.JSON()),
                      sa.column("prev_hash"), sa.column("hash"))
    cases = sa.table("cases", sa.column("id"), sa.column("case_no"), sa.column("last_event_seq"),
                     sa.column("last_event_hash"))
    for case_id, case_no in bind.execute(sa.select(cases.c.id, cases.c.case_no).order_by(cases.c.id)).all():
        previous = ""
        rows = bind.execute(sa.select(events).where(events.c.case_id == case_id).order_by(events.c.seq)).all()
        for row in rows:
            digest = _digest(key, case_no, _Row(row, previous))
            bind.execute(sa.update(events).where(events.c.id == row.id).values(prev_hash=previous, hash=digest))
            previous = digest
        if rows:
            bind.execute(sa.update(cases).where(cases.c.id == case_id).values(last_event_hash=previous))


class _Row:
    """A history row read as it will be after re-chaining (its new predecessor hash)."""

    def __init__(self, row, prev_hash):
        self._row, self.prev_hash = row, prev_hash

    def __getattr__(self, name):
        return getattr(self._row, name)


def upgrade():
    op.create_table(
        'audit_ledger',
        sa.Column('global_seq', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('case_no', sa.String(length=50), nullable=False),
        sa.Column('case_seq', sa.Integer(), nullable=False),
        sa.Column('event_hash', sa.String(length=64), nullable=False),
        sa.Column('prev_hash', sa.String(length=64), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
        sa.Column('recorded_at', app.database.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('global_seq', name=op.f('pk_audit_ledger')),
        sa.UniqueConstraint('event_id', name=op.f('uq_audit_ledger_event_id')),
    )
    _rechain_existing_events()
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("""
        CREATE OR REPLACE FUNCTION refuse_history_change() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION 'the case history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
        END $$ LANGUAGE plpgsql
    """)
    for table in HISTORY_TABLES:
        op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION refuse_history_change()")
    op.execute("""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'yichuang_app') THEN
                CREATE ROLE yichuang_app NOLOGIN;
            END IF;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;  -- another database of the cluster made it
            WHEN insufficient_privilege THEN
                RAISE NOTICE 'no CREATEROLE: create the role yichuang_app and re-run the grants by hand';
        END $$
    """)
    op.execute("""
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'yichuang_app') THEN
                EXECUTE 'GRANT USAGE ON SCHEMA public TO yichuang_app';
                EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO yichuang_app';
                EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO yichuang_app';
                EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON case_events, audit_ledger FROM yichuang_app';
                EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public '
                        'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO yichuang_app';
                EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO yichuang_app';
            END IF;
        END $$
    """)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for table in HISTORY_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute("DROP FUNCTION IF EXISTS refuse_history_change()")
    op.drop_table('audit_ledger')
