"""统一窗口出件: handing the decision (licence or refusal decision) to the applicant at the window or by post."""
from app.database import utcnow
from app.errors import Conflict, InvalidInput
from app.licences.delivery import record_issue_details
from app.network.agents import check_issue_to_agent
from app.workflow import WorkflowRun

from .control import ensure_not_suspended
from .events import record_event
from .lifecycle import after_engine_step, lock_case, require_case_window_clerk


#: ``guard(case)`` raising a ServiceError when a case may not be issued on its own (一件事: 统一出件, app.themes)
_issue_guards: list = []


def add_issue_guard(guard):
    if guard not in _issue_guards:
        _issue_guards.append(guard)
    return guard


def issue_case(actor, case_no: str, payload: dict):
    case = lock_case(case_no)
    require_case_window_clerk(actor, case)
    for guard in _issue_guards:
        guard(case)
    return issue_checked(case, actor, payload)


def issue_checked(case, actor, payload: dict):
    """出件 of a locked case whose window the caller checked (a theme issues its children together)."""
    ensure_not_suspended(case)
    if case.status != "awaiting_issue":
        raise Conflict("办件尚未作出决定或已出件，不能出件")
    check_issue_to_agent(case, payload)
    method, tracking_no = payload["method"], (payload.get("tracking_no") or "").strip() or None
    if method == "post" and not tracking_no:
        raise InvalidInput.field("tracking_no", "邮寄送达须填写快递单号")
    return _issue(case, actor, {**payload, "tracking_no": tracking_no})


def issue_online(case):
    """网上送达: the applicant downloaded the signed e-licence of an item of online depth IV (全程网办), which
    delivers the result; no-op unless the case (locked by the caller) waits for issuance."""
    if case.status != "awaiting_issue" or case.item.online_depth != "IV" or case.suspended_at is not None:
        return None
    return _issue(case, None, {"method": "online", "tracking_no": None, "recipient": case.applicant_name,
                               "confirmed": True})


def _issue(case, actor, payload: dict):
    method, tracking_no = payload["method"], payload.get("tracking_no")
    run = WorkflowRun.open(case.workflow_instance_id)
    task = next((t for t in run.ready_tasks() if t.form_key == "issuance"), None)
    if task is None:
        raise Conflict("该办件当前不在出件环节")
    run.complete_task(task.id, {"issue_method": method, "tracking_no": tracking_no})
    case.issue_method, case.tracking_no = method, tracking_no

    case.issued_at = utcnow()
    delivery = record_issue_details(case, payload)
    record_event(case, actor, "case.issued", task_id=task.id, step=task.name, decision="issue",
                 method=method, tracking_no=tracking_no, recipient=payload.get("recipient"),
                 recipient_id_suffix=delivery.recipient_id_suffix, confirmed=delivery.confirmed)
    after_engine_step(case, run, actor, completed_task_id=task.id, decision="issue")
    return case
