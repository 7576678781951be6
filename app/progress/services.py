"""办件查询: a case found by its number plus the last 6 characters of the applicant's ID number or phone.
A wrong number and a wrong code give the same answer, and failures count against the client address."""
import hmac
import logging

import sqlalchemy as sa

from app.applicants.identity import mask_name
from app.cases.events import EVENT_LABELS
from app.cases.lifecycle import local_date
from app.cases.models import CASE_RESULTS, CASE_STATUSES, Case
from app.errors import NotFound
from app.extensions import db

from .throttle import guard_public_lookup, record_public_lookup

logger = logging.getLogger(__name__)

NOT_FOUND_MESSAGE = "未找到匹配的办件，请核对办件编号和查询码"
#: events the public may see (no supervision, ratings, licence administration); only step, label and date
PUBLIC_ACTIONS = ("case.received", "case.accepted", "case.supplement_requested", "case.supplemented",
                  "case.not_accepted", "task.completed", "task.returned", "case.decided", "case.issued",
                  "case.delivery_updated", "case.finished", "clock.paused", "clock.resumed", "clock.extended",
                  "case.withdrawn")


def _code_matches(case, code: str) -> bool:
    code = code.strip().upper()
    id_tail = (case.applicant_id_number or "")[-6:].upper()
    phone_tail = "".join(ch for ch in case.applicant_phone or "" if ch.isdigit())[-6:]
    ok_id = len(id_tail) == 6 and hmac.compare_digest(id_tail.encode(), code.encode())
    ok_phone = len(phone_tail) == 6 and hmac.compare_digest(phone_tail.encode(), code.encode())
    return ok_id or ok_phone


def authenticate_case(case_no: str, code: str, remote_addr: str | None) -> Case:
    """The case, or NotFound (identical for an unknown case and a wrong code) after recording the failure.
    The caller commits the failure record before the error leaves the request (see the views)."""
    guard_public_lookup(remote_addr)
    case = db.session.scalars(sa.select(Case).where(Case.case_no == case_no.strip())).first()
    if case is None or not _code_matches(case, code):
        record_public_lookup(remote_addr, succeeded=False)
        logger.info("public lookup failed from %s", remote_addr)
        raise NotFound(NOT_FOUND_MESSAGE)
    return case


def public_progress(case) -> dict:
    steps = [{"step": e.step, "action": EVENT_LABELS.get(e.action, e.action),
              "date": local_date(e.occurred_at)} for e in case.events if e.action in PUBLIC_ACTIONS]
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
        "steps": steps,
    }
