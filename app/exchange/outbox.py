"""Writing outbox records in the transaction of the change: a ``before_flush`` listener turns every new
case history event (app.cases.events.record_event, the one place case changes are recorded) into an outbox
record plus one pending delivery per interested subscriber. Nothing in the case services changes; an event
that is rolled back takes its outbox record with it."""
import logging

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from app.cases.models import Case, CaseEvent
from app.database import utcnow
from app.licences.models import Licence
from app.network.models import Department

from .models import Delivery, OutboxRecord, Subscriber
from .payloads import envelope, licence_element, step_element

logger = logging.getLogger(__name__)

#: history actions that describe access, not a change of the case: never published
NOT_PUBLISHED = ("exchange.",)
#: history actions about an e-licence (the event names the licence number in its detail)
LICENCE_ACTIONS = {"licence.revoked", "licence.cancelled"}


class _Flush:
    """Per-flush state: the next seq of each case, the subscribers, department names (one query each)."""

    def __init__(self, session: Session):
        self.session = session
        self.next_seq: dict[int, int] = {}
        self._subscribers = None
        self._departments = None

    def seq_for(self, case_id: int) -> int:
        if case_id not in self.next_seq:
            last = self.session.execute(
                sa.select(sa.func.max(OutboxRecord.seq)).where(OutboxRecord.case_id == case_id)).scalar()
            self.next_seq[case_id] = (last or 0) + 1
        seq = self.next_seq[case_id]
        self.next_seq[case_id] = seq + 1
        return seq

    @property
    def subscribers(self):
        if self._subscribers is None:
            # a paused (inactive) subscriber gets its deliveries too: they wait until it is enabled again
            self._subscribers = self.session.scalars(sa.select(Subscriber)).all()
        return self._subscribers

    @property
    def departments(self) -> dict:
        if self._departments is None:
            self._departments = dict(self.session.execute(sa.select(Department.code, Department.name)).all())
        return self._departments


def enqueue(flush: _Flush, case, topic: str, key: str, occurred_at, **parts) -> OutboxRecord:
    """Add one outbox record for ``case`` and its deliveries (the caller holds the case lock)."""
    seq = flush.seq_for(case.id)
    record = OutboxRecord(idempotency_key=key, case_id=case.id, case_no=case.case_no, seq=seq, topic=topic,
                          occurred_at=occurred_at, created_at=utcnow(),
                          payload=envelope(topic, key, seq, occurred_at, case, **parts))
    flush.session.add(record)
    for subscriber in flush.subscribers:
        if subscriber.wants(topic):
            flush.session.add(Delivery(subscriber_id=subscriber.id, outbox=record, case_id=case.id, seq=seq,
                                       status="pending", next_attempt_at=utcnow()))
    return record


def _licence(session, number):
    return session.scalars(sa.select(Licence).where(Licence.number == number)).first() if number else None


def _publish_case_event(flush: _Flush, event: CaseEvent) -> None:
    session = flush.session
    case = session.get(Case, event.case_id)
    key = f"case:{case.case_no}:{event.seq}"
    detail = event.detail or {}
    step = step_element(event, flush.departments)
    extra = {"history_seq": event.seq, "step": step}
    if event.action in LICENCE_ACTIONS:
        licence = _licence(session, detail.get("licence_number"))
        extra["licence"] = licence_element(licence) if licence is not None else None
    enqueue(flush, case, event.action, key, event.occurred_at, **extra)
    if event.action == "case.decided" and detail.get("licence_number"):  # 制证: the e-licence is issued
        licence = _licence(session, detail["licence_number"])
        if licence is not None:
            enqueue(flush, case, "licence.issued", f"licence:{licence.number}:issued", event.occurred_at,
                    history_seq=event.seq, licence=licence_element(licence))


def _before_flush(session: Session, _context, _instances) -> None:
    events = sorted((o for o in session.new if isinstance(o, CaseEvent)), key=lambda e: (e.case_id, e.seq))
    events = [e for e in events if not e.action.startswith(NOT_PUBLISHED)]
    if not events:
        return
    flush = _Flush(session)
    with session.no_autoflush:
        for event in events:
            _publish_case_event(flush, event)


def new_flush(session: Session) -> _Flush:
    return _Flush(session)


def listen() -> None:
    """Subscribe to the case history (idempotent: registering twice keeps one listener)."""
    if not sa_event.contains(Session, "before_flush", _before_flush):
        sa_event.listen(Session, "before_flush", _before_flush)
