"""延长审批 (行政许可法 Art. 42): the lead department's approver or head extends a case once, with a reason.

Standard items may be extended by 1–10 working days, joint (并联) items by 1–15. The legal and the
promised deadline both move by that many working days. A second extension of the same case is a 409.
"""
import logging

import sqlalchemy as sa

from app.calendar.services import calendar_conflict, working_calendar
from app.calendar.workdays import UnknownCalendarYear
from app.cases import lifecycle
from app.cases.events import record_event
from app.errors import Conflict, InvalidInput
from app.extensions import db

from .access import require_lead_department_decider
from .models import CaseExtension
from .pauses import require_clock_running

logger = logging.getLogger(__name__)

MAX_EXTENSION_DAYS = {"standard": 10, "joint": 15}


def case_extension(case) -> CaseExtension | None:
    return db.session.scalars(sa.select(CaseExtension).where(CaseExtension.case_id == case.id)).first()


def extend_case(actor, case_no: str, payload: dict) -> CaseExtension:
    case = lifecycle.lock_case(case_no)
    require_lead_department_decider(actor, case)
    require_clock_running(case)
    if case_extension(case) is not None:
        raise Conflict("该办件已延长过审批期限，每件只能延长一次")
    days = payload["days"]
    maximum = MAX_EXTENSION_DAYS["joint" if case.item.is_joint else "standard"]
    if days > maximum:
        kind = "并联审批事项" if case.item.is_joint else "该事项"
        raise InvalidInput.field("days", f"{kind}最多延长{maximum}个工作日")
    reason = (payload.get("reason") or "").strip()
    if not reason:
        raise InvalidInput.field("reason", "延长审批须将延长理由告知申请人，请填写理由")

    calendar = working_calendar()
    previous = (case.deadline, case.legal_deadline)
    try:
        case.deadline = calendar.add_working_days(case.deadline, days)
        case.legal_deadline = calendar.add_working_days(case.legal_deadline, days)
    except UnknownCalendarYear as exc:
        raise calendar_conflict(exc, "计算延长后的期限") from exc
    extension = CaseExtension(case_id=case.id, days=days, reason=reason, previous_deadline=previous[0],
                              previous_legal_deadline=previous[1], decided_at=lifecycle.now_utc(),
                              decided_by_id=actor.id)
    db.session.add(extension)
    db.session.flush()
    record_event(case, actor, "clock.extended", opinion=reason, days=days, special_procedure="1",
                 previous_deadline=previous[0].isoformat(), deadline=case.deadline.isoformat(),
                 previous_legal_deadline=previous[1].isoformat(), legal_deadline=case.legal_deadline.isoformat())
    logger.info("case %s extended by %d working days by %s", case.case_no, days, actor.username)
    return extension
