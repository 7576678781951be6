"""Verifying the tamper-evident case history: every event MACs its content and its predecessor's hash under
the audit key, and the case row holds the head of the chain, so any edited, deleted or inserted event breaks a
link. The global ledger (app/cases/ledger.py) catches a case deleted whole, and the checkpoint files outside
the database catch a ledger cut back to before the deletion."""
import logging
from dataclasses import dataclass

import sqlalchemy as sa

from app.extensions import db

from .events import event_digest
from .ledger import ledger_digest, read_checkpoints
from .models import AuditLedgerEntry, Case, CaseEvent

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BrokenLink:
    case_no: str
    seq: int
    reason: str

    def __str__(self):
        return f"办件 {self.case_no} 第 {self.seq} 条记录: {self.reason}"


def verify_case(case: Case) -> BrokenLink | None:
    """The first broken link of one case's chain, or None if the chain is intact."""
    previous_hash, expected_seq = "", 1
    events = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq))
    for event in events:
        if event.seq != expected_seq:
            return BrokenLink(case.case_no, expected_seq, f"缺少记录（下一条为第 {event.seq} 条）")
        if event.prev_hash != previous_hash:
            return BrokenLink(case.case_no, event.seq, "前序哈希不匹配（前一条记录被改动或删除）")
        if event_digest(case.case_no, event) != event.hash:
            return BrokenLink(case.case_no, event.seq, "内容与哈希不符（记录被改动）")
        previous_hash, expected_seq = event.hash, expected_seq + 1
    if case.last_event_seq != expected_seq - 1 or case.last_event_hash != previous_hash:
        return BrokenLink(case.case_no, expected_seq - 1, "链尾与办件记录不符（末尾记录被删除或追加）")
    return None


def verify_all(batch_size: int = 500):
    """Yield (cases checked so far, first broken link or None) per case, in case-id order."""
    last_id, checked = 0, 0
    while True:
        cases = db.session.scalars(
            sa.select(Case).where(Case.id > last_id).order_by(Case.id).limit(batch_size)
        ).all()
        if not cases:
            return
        for case in cases:
            checked += 1
            yield checked, verify_case(case)
        last_id = cases[-1].id
        db.session.expunge_all()


def verify_ledger(batch_size: int = 5000):
    """Yield a message for every break of the global ledger and of the checkpoints (nothing when intact)."""
    expected_seq, previous_hash = 1, ""
    checkpoints = read_checkpoints()
    wanted = {checkpoint["global_seq"] for _, checkpoint in checkpoints if checkpoint is not None}
    hashes = {}  # only at the checkpoints' sequence numbers: the ledger itself is streamed
    while True:
        rows = db.session.execute(
            sa.select(AuditLedgerEntry, CaseEvent.hash, CaseEvent.case_id)
            .outerjoin(CaseEvent, CaseEvent.id == AuditLedgerEntry.event_id)
            .where(AuditLedgerEntry.global_seq >= expected_seq)
            .order_by(AuditLedgerEntry.global_seq).limit(batch_size)
        ).all()
        if not rows:
            break
        for entry, event_hash, event_case_id in rows:
            where = f"总账第 {entry.global_seq} 条（办件 {entry.case_no} 第 {entry.case_seq} 条记录）"
            if entry.global_seq != expected_seq:
                yield f"总账缺少第 {expected_seq} 条（下一条为第 {entry.global_seq} 条）"
            elif entry.prev_hash != previous_hash or entry.hash != ledger_digest(
                    entry.global_seq, entry.event_id, entry.case_no, entry.case_seq, entry.event_hash,
                    entry.prev_hash):
                yield f"{where}: 总账链接不符（总账被改写）"
            elif event_hash is None:
                yield f"{where}: 记录已被删除（办件或其办理记录被删除）"
            elif event_hash != entry.event_hash or event_case_id != entry.case_id:
                yield f"{where}: 记录与总账不符（记录被改动）"
            if entry.global_seq in wanted:
                hashes[entry.global_seq] = entry.hash
            expected_seq, previous_hash = entry.global_seq + 1, entry.hash
        db.session.expunge_all()
    last_seq = expected_seq - 1
    for name, checkpoint in checkpoints:
        if checkpoint is None:
            yield f"检查点 {name}: 签名无效或文件损坏"
        elif checkpoint["global_seq"] > last_seq:
            yield f"检查点 {name}: 总账只到第 {last_seq} 条，检查点记录到第 {checkpoint['global_seq']} 条（总账被截断）"
        elif hashes.get(checkpoint["global_seq"]) != checkpoint["ledger_hash"]:
            yield f"检查点 {name}: 总账第 {checkpoint['global_seq']} 条与检查点不符（总账被改写）"
