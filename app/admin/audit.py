"""The admin audit trail: snapshots of records before and after a change. Flushes, never commits."""
import datetime as dt
import logging

import sqlalchemy as sa

from app.extensions import db

from .models import AdminAuditEntry
from .scope import scope_prefix

logger = logging.getLogger(__name__)

#: columns never copied into the audit trail
SECRET_COLUMNS = frozenset({"password_hash"})


def _plain(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def snapshot(record) -> dict:
    """The record's column values (JSON-safe), secrets left out."""
    mapper = sa.inspect(record).mapper
    return {attr.key: _plain(getattr(record, attr.key)) for attr in mapper.column_attrs
            if attr.key not in SECRET_COLUMNS}


def record(actor, action: str, entity_type: str, entity_key, region_code: str | None,
           before: dict | None, after: dict | None) -> AdminAuditEntry:
    if before is not None and after is not None:  # keep only what changed (plus the key fields)
        changed = {k for k in after if before.get(k) != after.get(k)}
        before = {k: before.get(k) for k in changed}
        after = {k: after.get(k) for k in changed}
    entry = AdminAuditEntry(actor_id=actor.id, actor_username=actor.username, action=action,
                            entity_type=entity_type, entity_key=str(entity_key), region_code=region_code,
                            before=before, after=after)
    db.session.add(entry)
    db.session.flush()
    logger.info("admin %s: %s %s %s", actor.id, action, entity_type, entity_key)
    return entry


def audit_query(admin, entity_type: str | None = None, entity_key: str | None = None, actor: str | None = None,
                action: str | None = None, since: dt.datetime | None = None, until: dt.datetime | None = None):
    """The audit rows the admin may read, newest first; ``actor`` is a username (exact), ``since``/``until``
    bound ``at`` (UTC, until exclusive)."""
    query = sa.select(AdminAuditEntry).order_by(AdminAuditEntry.at.desc(), AdminAuditEntry.id.desc())
    if actor:
        query = query.where(AdminAuditEntry.actor_username == actor)
    if action:
        query = query.where(AdminAuditEntry.action == action)
    if since is not None:
        query = query.where(AdminAuditEntry.at >= since)
    if until is not None:
        query = query.where(AdminAuditEntry.at < until)
    prefix = scope_prefix(admin)
    if prefix is not None:
        query = query.where(AdminAuditEntry.region_code.like(f"{prefix}%"))
    if entity_type:
        query = query.where(AdminAuditEntry.entity_type == entity_type)
    if entity_key:
        query = query.where(AdminAuditEntry.entity_key == entity_key)
    return query
