"""撤件: the applicant withdraws a case before its decision (public, with the case number and query code —
the caller authenticates). The case ends as ``withdrawn``: the workflow and every open task are cancelled,
the clock stops, and the reason goes into the history where the departments read it. A decided, finished or
not accepted case cannot be withdrawn (409). Flushes; the request commits."""
import logging

import sqlalchemy as sa

from app.accounts.models import User
from app.errors import Conflict, InvalidInput
from app.extensions import db
from app.notifications.services import notify

from . import lifecycle
from .ending import end_case
from .events import APPLICANT, record_event
from .models import CASE_STATUSES

logger = logging.getLogger(__name__)

#: a case in these states has no decision yet and may be withdrawn by its applicant
WITHDRAWABLE_STATUSES = ("supplementing", "in_progress")
REASON_MAX = 500


def withdrawal_refusal(case) -> str | None:
    """Why the case cannot be withdrawn now, or None when it can."""
    if case.decided_at is not None or case.result is not None:
        return f"办件 {case.case_no} 已作出决定，不能撤件"
    if case.status not in WITHDRAWABLE_STATUSES:
        label = CASE_STATUSES.get(case.status, case.status)
        return f"办件 {case.case_no} 当前状态为“{label}”，不能撤件"
    return None


def required_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput.field("reason", "撤件须说明理由")
    if len(reason) > REASON_MAX:
        raise InvalidInput.field("reason", f"撤件理由不超过 {REASON_MAX} 字")
    return reason


def _task_holders(case) -> tuple[set[str], list]:
    """Who holds the case's open tasks (the assignee of a transferred task, otherwise the candidate groups)."""
    open_tasks = [t for t in case.tasks if t.state == "ready"]
    assignees = sorted({t.assignee for t in open_tasks if t.assignee})
    users = list(db.session.scalars(sa.select(User).where(User.username.in_(assignees)))) if assignees else []
    return {g for t in open_tasks if not t.transferred for g in t.candidate_groups}, users


def withdraw_case(case_no: str, reason: str | None):
    """The authenticated applicant withdraws the case (locked here; 409 once decided or over)."""
    reason = required_reason(reason)
    case = lifecycle.lock_case(case_no)
    refusal = withdrawal_refusal(case)
    if refusal:
        raise Conflict(refusal)
    previous = case.status
    groups, users = _task_holders(case)
    end_case(case, APPLICANT, "withdrawn", "申请人撤件，暂停计时随之结束")
    record_event(case, APPLICANT, "case.withdrawn", opinion=reason, channel="online", previous_status=previous)
    notify(case, f"申请人已撤件：办件 {case.case_no}（{case.item.name}）终止办理。撤件理由：{reason}", "withdrawn",
           groups=groups, users=users)
    logger.info("case %s withdrawn by its applicant (was %s)", case.case_no, previous)
    return case
