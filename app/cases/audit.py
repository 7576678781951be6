"""Verifying the tamper-evident case history: every event hashes its content and its predecessor's hash,
and the case row holds the head of the chain. Any edited, deleted or inserted event breaks a link."""
import logging
from dataclasses import dataclass

import sqlalchemy as sa

from app.extensions import db

from .events import event_digest
from .models import Case, CaseEvent

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
