"""申请延长审批 → 批准 (行政许可法 Art. 42: extended "经本行政机关负责人批准"): a member of a department handling
the case asks for an extension with the days and the reason; the lead department's approver (首席代表) or head
approves it — which extends the case through :func:`app.clock.extension.extend_case`, the one rule for
extensions — or declines it with a note. The person who asked never decides their own request (two accounts).
The authorised person may also extend directly (``POST /cases/<no>/extension``). Services flush; the request
commits."""
import logging

import sqlalchemy as sa

from app.cases import lifecycle
from app.cases.events import record_event
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.extensions import db
from app.notifications.services import notify

from .access import require_handling_department_staff, require_lead_department_decider
from .extension import MAX_EXTENSION_DAYS, case_extension, extend_case
from .models import ExtensionRequest
from .pauses import require_clock_running

logger = logging.getLogger(__name__)


def pending_request(case) -> ExtensionRequest | None:
    return db.session.scalars(sa.select(ExtensionRequest).where(
        ExtensionRequest.case_id == case.id, ExtensionRequest.state == "pending")).first()


def case_requests(case) -> list[ExtensionRequest]:
    return db.session.scalars(sa.select(ExtensionRequest).where(ExtensionRequest.case_id == case.id)
                              .order_by(ExtensionRequest.id)).all()


def _checked_days(case, days: int) -> int:
    maximum = MAX_EXTENSION_DAYS["joint" if case.item.is_joint else "standard"]
    if days > maximum:
        kind = "并联审批事项" if case.item.is_joint else "该事项"
        raise InvalidInput.field("days", f"{kind}最多延长{maximum}个工作日")
    return days


def request_extension(actor, case_no: str, payload: dict) -> ExtensionRequest:
    case = lifecycle.lock_case(case_no)
    require_handling_department_staff(actor, case)
    require_clock_running(case)
    if case_extension(case) is not None:
        raise Conflict("该办件已延长过审批期限，每件只能延长一次")
    if pending_request(case) is not None:
        raise Conflict("该办件已有待批准的延长审批申请")
    days = _checked_days(case, payload["days"])
    reason = (payload.get("reason") or "").strip()
    if not reason:
        raise InvalidInput.field("reason", "申请延长审批须说明理由")
    request = ExtensionRequest(case_id=case.id, days=days, reason=reason, state="pending",
                               requested_at=lifecycle.now_utc(), requested_by_id=actor.id)
    db.session.add(request)
    db.session.flush()
    record_event(case, actor, "clock.extension_requested", opinion=reason, days=days, request_id=request.id)
    lead = case.item.department.code
    notify(case, f"{actor.display_name}申请将办件 {case.case_no} 延长审批 {days} 个工作日，请审批。理由：{reason}",
           "extension_request", groups=[f"{lead}:approver", f"{lead}:head"])
    logger.info("case %s: %s asks for a %d-day extension", case.case_no, actor.username, days)
    return request


def decide_extension_request(actor, case_no: str, request_id: int, payload: dict) -> ExtensionRequest:
    """``payload``: ``approve`` (bool) and ``note`` (required when declining)."""
    case = lifecycle.lock_case(case_no)
    request = db.session.get(ExtensionRequest, request_id)
    if request is None or request.case_id != case.id:
        raise NotFound(f"办件 {case_no} 没有编号为 {request_id} 的延长审批申请")
    require_lead_department_decider(actor, case)
    if request.requested_by_id == actor.id:
        raise Forbidden("不能批准自己提出的延长审批申请")
    if request.state != "pending":
        raise Conflict("该延长审批申请已处理")
    note = (payload.get("note") or "").strip() or None
    if payload["approve"]:
        extend_case(actor, case_no, {"days": request.days, "reason": request.reason})
        request.state = "approved"
    else:
        if note is None:
            raise InvalidInput.field("note", "不予批准须说明理由")
        request.state = "declined"
        record_event(case, actor, "clock.extension_declined", opinion=note, days=request.days,
                     request_id=request.id)
    request.decided_at, request.decided_by_id, request.decision_note = lifecycle.now_utc(), actor.id, note
    notify(case, f"办件 {case.case_no} 的延长审批申请{'已批准' if payload['approve'] else '未获批准'}"
                 + (f"：{note}" if note else ""), "extension_request", users=[request.requested_by])
    db.session.flush()
    logger.info("case %s: extension request %s %s by %s", case.case_no, request.id, request.state, actor.username)
    return request
