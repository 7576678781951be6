"""The global audit ledger and its signed checkpoints (see ``AuditLedgerEntry``).

``extend_ledger`` appends every event not yet in the ledger, in event-id order, each entry chained to the
previous one by HMAC under the audit key. ``write_checkpoint`` writes the ledger's head — sequence, hash, time
and a MAC — as a file in ``AUDIT_CHECKPOINT_DIR``, outside the database, so that a database writer who deletes
cases and rebuilds the ledger's tail is caught by the checkpoint files they cannot change. Flushes, never
commits (the scheduler job or the CLI commits)."""
import hashlib
import hmac
import json
import logging
import os
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from app.database import utcnow
from app.extensions import db

from .events import keyed_digest
from .models import AuditLedgerEntry, Case, CaseEvent

logger = logging.getLogger(__name__)

#: events committed out of id order (a long transaction) are still found if within this many ids of the head
LOOKBACK_IDS = 10_000
CHECKPOINT_PREFIX = "checkpoint-"
_LEDGER_LOCK = 0x4C454447  # "LEDG": one ledger writer at a time on PostgreSQL


def ledger_digest(global_seq: int, event_id: int, case_no: str, case_seq: int, event_hash: str,
                  prev_hash: str) -> str:
    content = {"global_seq": global_seq, "event_id": event_id, "case_no": case_no, "case_seq": case_seq,
               "event_hash": event_hash, "prev_hash": prev_hash}
    return keyed_digest(json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False))


def ledger_head() -> AuditLedgerEntry | None:
    return db.session.scalars(sa.select(AuditLedgerEntry).order_by(AuditLedgerEntry.global_seq.desc()).limit(1)).first()


def extend_ledger(batch: int = 5000) -> int:
    """Append up to ``batch`` events that are not in the ledger yet; returns how many were appended."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.select(sa.func.pg_advisory_xact_lock(_LEDGER_LOCK)))
    head = ledger_head()
    seq, prev_hash = (head.global_seq, head.hash) if head else (0, "")
    floor = (head.event_id - LOOKBACK_IDS) if head else 0
    in_ledger = sa.exists().where(AuditLedgerEntry.event_id == CaseEvent.id)
    rows = db.session.execute(
        sa.select(CaseEvent.id, CaseEvent.case_id, CaseEvent.seq, CaseEvent.hash, Case.case_no)
        .join(Case, Case.id == CaseEvent.case_id)
        .where(CaseEvent.id > floor, ~in_ledger).order_by(CaseEvent.id).limit(batch)
    ).all()
    for event_id, case_id, case_seq, event_hash, case_no in rows:
        seq += 1
        digest = ledger_digest(seq, event_id, case_no, case_seq, event_hash, prev_hash)
        db.session.add(AuditLedgerEntry(global_seq=seq, event_id=event_id, case_id=case_id, case_no=case_no,
                                        case_seq=case_seq, event_hash=event_hash, prev_hash=prev_hash,
                                        hash=digest))
        prev_hash = digest
    db.session.flush()
    if rows:
        logger.info("audit ledger: %d event(s) appended, head now %d", len(rows), seq)
    return len(rows)


def _checkpoint_mac(global_seq: int, ledger_hash: str, written_at: str) -> str:
    key = ("checkpoint:" + current_app.config["AUDIT_KEY"]).encode("utf-8")
    message = f"{global_seq}|{ledger_hash}|{written_at}".encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def checkpoint_dir() -> Path:
    return Path(current_app.config["AUDIT_CHECKPOINT_DIR"])


def write_checkpoint() -> Path | None:
    """Write the ledger head as a new checkpoint file (none when the ledger is empty or unchanged)."""
    head = ledger_head()
    if head is None:
        return None
    directory = checkpoint_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{CHECKPOINT_PREFIX}{head.global_seq:012d}.json"
    if path.exists():
        return None
    written_at = utcnow().isoformat()
    body = {"global_seq": head.global_seq, "ledger_hash": head.hash, "written_at": written_at,
            "mac": _checkpoint_mac(head.global_seq, head.hash, written_at)}
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)  # a reader never sees half a checkpoint
    logger.info("audit checkpoint written at ledger entry %d", head.global_seq)
    return path


def read_checkpoints() -> list[tuple[str, dict | None]]:
    """(file name, checkpoint or None when the file is unreadable or its MAC is wrong), oldest first."""
    directory = checkpoint_dir()
    if not directory.is_dir():
        return []
    found = []
    for path in sorted(directory.glob(f"{CHECKPOINT_PREFIX}*.json")):
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
            valid = hmac.compare_digest(
                body["mac"], _checkpoint_mac(int(body["global_seq"]), body["ledger_hash"], body["written_at"]))
        except (OSError, ValueError, KeyError, TypeError):
            valid = False
        found.append((path.name, body if valid else None))
    return found


def checkpoint_job(batch: int = 5000) -> None:
    """Scheduler job: extend the ledger in committed batches, then write the checkpoint of the head."""
    while extend_ledger(batch) == batch:
        db.session.commit()
    db.session.commit()
    write_checkpoint()
