"""Issuing the written notices of a window decision (行政许可法 Art. 32, 38): the number is assigned
once, when the notice is first issued, and the content is snapshotted so every reprint is the same
document."""

import logging

import sqlalchemy as sa
from flask import current_app

from app.cases import lifecycle, queries
from app.cases.events import record_event
from app.cases.models import AGENT_KINDS, APPLICANT_KINDS
from app.cases.numbering import next_counter_value
from app.documents.urls import progress_url
from app.errors import NotFound
from app.extensions import db

from .models import NOTICE_EVENTS, NOTICE_TITLES, CaseNotice

logger = logging.getLogger(__name__)

#: the word of each kind in the notice number (示范政服受字〔2026〕第00001号)
NUMBER_WORDS = {"acceptance": "受", "supplement": "补", "refusal": "不受"}


def notice_number(kind: str, year: int) -> str:
    """Per-kind, per-year sequence (counter key ``notice:<kind>:<year>``) formatted by the pattern."""
    seq = next_counter_value(f"notice:{kind}:{year}")
    pattern = current_app.config["NOTICE_NUMBER_PATTERN"]
    return pattern.format(kind=NUMBER_WORDS[kind], year=year, seq=seq)[:100]


def _decision_event(case, kind: str):
    action = NOTICE_EVENTS[kind]
    for event in reversed(case.events):
        if event.action == action:
            return event
    return None


def latest_notice_kind(case) -> str | None:
    """The kind of notice of the latest window decision on the case (the one the window prints now)."""
    kinds = {action: kind for kind, action in NOTICE_EVENTS.items()}
    for event in reversed(case.events):
        if event.action in kinds:
            return kinds[event.action]
    return None


def _decided_on(case, kind: str, event):
    """The local date of the decision: acceptance is dated by the case clock, the others by their event."""
    moment = case.accepted_at if kind == "acceptance" and case.accepted_at else event.occurred_at
    return lifecycle.local_date(moment)


def _snapshot(case, kind: str, event, number: str) -> dict:
    item = case.item
    centre = case.receiving_centre or (case.window.centre if case.window is not None else None)
    by_code = {m.code: m for m in item.materials}
    content = {
        "title": NOTICE_TITLES[kind],
        "number": number,
        "case_no": case.case_no,
        "decided_on": _decided_on(case, kind, event).isoformat(),
        "received_on": lifecycle.local_date(case.received_at).isoformat(),
        "centre": centre.name if centre else "",
        "centre_address": centre.address if centre else "",
        "centre_phone": centre.phone if centre else "",
        "window": case.window.name if case.window is not None else "",
        "department": item.department.name,
        "applicant": {"name": case.applicant_name, "kind": APPLICANT_KINDS.get(case.applicant_kind, "")},
        **({"agent": {"name": case.agent_name, "kind": AGENT_KINDS.get(case.agent_kind, "")}} if case.agent_name else {}),
        "item": {"code": item.code, "name": item.name},
        "progress_url": progress_url(case.case_no),
    }
    if kind == "acceptance":
        content["materials"] = [m.name for m in case.materials]
        content["deadline"] = case.deadline.isoformat() if case.deadline else None
        content["promised_limit"] = item.promised_limit
    elif kind == "supplement":
        content["missing"] = [
            {
                "code": code,
                "name": by_code[code].name if code in by_code else code,
                "standard": by_code[code].standard if code in by_code else "",
                "originals": by_code[code].originals if code in by_code else 0,
                "copies": by_code[code].copies if code in by_code else 0,
            }
            for code in event.detail.get("missing", [])
        ]
        content["note"] = event.opinion
    else:
        content["reason"] = event.opinion or case.refusal_reason or ""
    return content


def issue_notice(actor, case_no: str, kind: str) -> CaseNotice:
    """The notice of ``kind`` on the case: numbered and stored the first time, the stored one afterwards.
    Raises NotFound when the window made no such decision on the case. Flushes; the request commits."""
    case = queries.case_for(actor, case_no)
    existing = db.session.scalars(
        sa.select(CaseNotice).where(CaseNotice.case_id == case.id, CaseNotice.kind == kind)
    ).first()
    if existing is not None:
        return existing
    # the official number is assigned by the window that decided, on its first print — never by a reader
    # (a supervisor's or a department's first print would take the next number out of the window's hands)
    lifecycle.require_case_window_clerk(actor, case)
    case = lifecycle.lock_case(case_no)
    event = _decision_event(case, kind)
    if event is None:
        raise NotFound(f"办件 {case_no} 没有{NOTICE_TITLES[kind]}对应的窗口决定")
    existing = db.session.scalars(
        sa.select(CaseNotice).where(CaseNotice.case_id == case.id, CaseNotice.kind == kind)
    ).first()
    if existing is not None:  # issued by a concurrent request while we waited for the lock
        return existing
    number = notice_number(kind, _decided_on(case, kind, event).year)
    notice = CaseNotice(
        case_id=case.id,
        kind=kind,
        number=number,
        issued_at=lifecycle.now_utc(),
        content=_snapshot(case, kind, event, number),
    )
    db.session.add(notice)
    record_event(case, actor, "notice.issued", kind=kind, number=number, title=NOTICE_TITLES[kind])
    db.session.flush()
    logger.info("notice %s (%s) issued for case %s", number, kind, case_no)
    return notice
