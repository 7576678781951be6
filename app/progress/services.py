"""办件查询: a case found by its number plus its 查询码 (the random code printed on the window's notices, see
app.applicants.query_code). A wrong number and a wrong code give the same answer; failures count against the
client address and the case number (app.progress.throttle)."""
import logging

import sqlalchemy as sa

from app.applicants.identity import mask_name
from app.applicants.query_code import query_code_matches
from app.cases.events import EVENT_LABELS
from app.cases.lifecycle import local_date
from app.cases.models import CASE_RESULTS, CASE_STATUSES, Case
from app.errors import NotFound
from app.extensions import db
from app.supervision.colours import case_time_status

from .details import collection_of, decision_of, supplement_of
from .throttle import guard_public_lookup, lookup_subject, record_public_lookup, record_public_success

logger = logging.getLogger(__name__)

NOT_FOUND_MESSAGE = "未找到匹配的办件，请核对办件编号和查询码"
#: events the public may see (no supervision, ratings, licence administration); only step, label and date
PUBLIC_ACTIONS = ("case.received", "case.accepted", "case.supplement_requested", "case.supplemented",
                  "case.not_accepted", "task.completed", "task.returned", "case.decided", "case.issued",
                  "case.delivery_updated", "case.finished", "clock.paused", "clock.resumed", "clock.extended",
                  "case.withdrawn")


def authenticate_case(case_no: str, code: str, remote_addr: str | None) -> Case:
    """The case, or NotFound (identical for an unknown case and a wrong code) after recording the failure;
    TooManyRequests while the address (or the address on this case) must wait. The caller commits the
    failure record before the error leaves the request, and a success (see the views)."""
    case_no = (case_no or "").strip()
    subject = lookup_subject("case", case_no)
    guard_public_lookup(remote_addr, subject)
    case = db.session.scalars(sa.select(Case).where(Case.case_no == case_no)).first()
    if not query_code_matches(case.query_code if case is not None else None, code):
        record_public_lookup(remote_addr, succeeded=False, subject=subject)
        logger.info("public case lookup failed from %s", remote_addr)
        raise NotFound(NOT_FOUND_MESSAGE)
    record_public_success(remote_addr, subject)
    return case


def public_steps(case) -> list[dict]:
    return [{"step": e.step, "action": EVENT_LABELS.get(e.action, e.action),
             "date": local_date(e.occurred_at)}
            for e in case.events if e.action in PUBLIC_ACTIONS]


def public_progress(case) -> dict:
    """What the applicant sees with the case number and code: no name in full, no ID number, no phone."""
    return {
        "case_no": case.case_no,
        "item_name": case.item.name,
        "applicant": mask_name(case.applicant_name, organisation=case.applicant_kind != "person"),
        "status": case.status,
        "status_label": CASE_STATUSES.get(case.status, case.status),
        "result_label": CASE_RESULTS.get(case.result) if case.result else None,
        "received_on": local_date(case.received_at),
        "accepted_on": local_date(case.accepted_at) if case.accepted_at else None,
        "decided_on": local_date(case.decided_at) if case.decided_at else None,
        "finished_on": local_date(case.finished_at) if case.finished_at else None,
        "deadline": case.deadline,
        "promised_limit": case.item.promised_limit,
        "remaining_working_days": case_time_status(case)["remaining_working_days"],
        "steps": public_steps(case),
        "supplement": supplement_of(case),
        "collection": collection_of(case),
        "decision": decision_of(case),
    }
