"""Decision documents (行政许可法 Arts. 37, 38, 44): every 准予 / 不予许可 decision gets its written
决定书, numbered by ``DECISION_NUMBER_PATTERN`` with a counter per department and year, its content
snapshotted when the decision is made so that every print is the same document. Flushes; the caller commits."""
import logging

import sqlalchemy as sa
from flask import current_app

from app.cases import decided, lifecycle, queries
from app.cases.events import record_event
from app.cases.models import APPLICANT_KINDS, CaseEvent
from app.cases.numbering import next_counter_value
from app.errors import NotFound
from app.extensions import db
from app.licences.models import Licence

from .models import DECISION_KINDS, DECISION_NUMBER_WORDS, DECISION_TITLES, DecisionDocument
from .urls import progress_url

logger = logging.getLogger(__name__)

#: task decisions that made the case's decision, per kind: the last one's opinion is the decider's
DECIDING = {"grant": "approve", "refusal": "reject"}


def decision_number(department, kind: str, year: int) -> str:
    """Next number of the department's decisions of ``year`` (counter ``decision:<dept code>:<year>``)."""
    seq = next_counter_value(f"decision:{department.code}:{year}")
    return current_app.config["DECISION_NUMBER_PATTERN"].format(
        dept_short=department.short_name or department.code, dept_code=department.code,
        kind=DECISION_NUMBER_WORDS[kind], year=year, seq=seq)[:100]


def _deciding_event(case, kind: str):
    return db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.action == "task.completed",
                                   CaseEvent.decision == DECIDING[kind])
        .order_by(CaseEvent.seq.desc()).limit(1)
    ).first()


def _licence_of(case):
    return db.session.scalars(sa.select(Licence).where(Licence.case_id == case.id).order_by(Licence.id)).first()


def _snapshot(case, kind: str, number: str) -> dict:
    item, department = case.item, case.item.department
    centre = case.window.centre if case.window is not None else None
    event = _deciding_event(case, kind)
    content = {
        "title": DECISION_TITLES[kind],
        "number": number,
        "case_no": case.case_no,
        "department": department.name,
        "centre": centre.name if centre else "",
        "centre_address": centre.address if centre else "",
        "centre_phone": centre.phone if centre else "",
        "applicant": {"name": case.applicant_name, "kind": APPLICANT_KINDS.get(case.applicant_kind, "")},
        "item": {"code": item.code, "name": item.name, "legal_basis": item.legal_basis or "",
                 "result_name": item.result_name or item.name},
        "received_on": lifecycle.local_date(case.received_at).isoformat(),
        "accepted_on": lifecycle.local_date(case.accepted_at).isoformat() if case.accepted_at else None,
        "decided_on": lifecycle.local_date(case.decided_at or lifecycle.now_utc()).isoformat(),
        "decider": {"name": event.actor_name, "step": event.step} if event is not None else None,
        "opinion": (event.opinion if event is not None else None) or "",
        "progress_url": progress_url(case.case_no),
    }
    if kind == "grant":
        licence = _licence_of(case)
        if licence is not None:
            content["licence"] = {
                "name": licence.name, "number": licence.number,
                "valid_from": licence.valid_from.isoformat(),
                "valid_to": licence.valid_to.isoformat() if licence.valid_to else None}
    else:
        content["reasons"] = content["opinion"]
    return content


def issue_decision_document(case, actor) -> DecisionDocument:
    """Number and store the decision document of a decided case (the caller holds the case lock)."""
    existing = db.session.scalars(sa.select(DecisionDocument).where(DecisionDocument.case_id == case.id)).first()
    if existing is not None:
        return existing
    kind = DECISION_KINDS[case.result]
    department = case.item.department
    decided_on = lifecycle.local_date(case.decided_at or lifecycle.now_utc())
    number = decision_number(department, kind, decided_on.year)
    document = DecisionDocument(case_id=case.id, department_id=department.id, kind=kind, number=number,
                                issued_at=lifecycle.now_utc(), content=_snapshot(case, kind, number))
    db.session.add(document)
    record_event(case, actor, "decision.issued", kind=kind, number=number, title=DECISION_TITLES[kind])
    db.session.flush()
    logger.info("decision document %s (%s) issued for case %s", number, kind, case.case_no)
    return document


@decided.subscribe
def _on_case_decided(case, actor, outcome: str) -> None:
    if outcome in DECISION_KINDS:
        issue_decision_document(case, actor)


def decision_document_for(user, case_no: str) -> DecisionDocument:
    """The case's decision document for staff who may see the case; issued now for a case decided before
    documents existed. NotFound while the case is undecided."""
    case = queries.case_for(user, case_no)
    document = db.session.scalars(sa.select(DecisionDocument).where(DecisionDocument.case_id == case.id)).first()
    if document is not None:
        return document
    if case.result not in DECISION_KINDS:
        raise NotFound(f"办件 {case_no} 尚未作出准予或不予行政许可的决定")
    return issue_decision_document(lifecycle.lock_case(case_no), user)
