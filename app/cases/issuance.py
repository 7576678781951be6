"""统一窗口出件: handing the decision (licence or refusal decision) to the applicant at the window or by post.

At the window (and to a 代办员) the clerk checks who collects it: the recipient's name and ID number are
required; the number must be a valid citizen ID and be the applicant's or the case's agent's, or else the
clerk has checked the applicant's 授权委托书 (``authorised``). Only the last 4 characters of the number are kept
(``CaseDelivery.recipient_id_suffix``); the number is never logged. Batch 出件 issues several ready cases to
one recipient in one transaction, all or none."""
from app.applicants.identity import citizen_id_problem, normalise_id
from app.database import utcnow
from app.errors import Conflict, InvalidInput, ServiceError
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
    payload = {**payload, "tracking_no": tracking_no}
    if method in IDENTITY_CHECKED_METHODS:
        payload = check_recipient(case, payload)
    return _issue(case, actor, payload)


#: 出件 handed to a person at the window: the recipient is identified
IDENTITY_CHECKED_METHODS = ("window", "agent")


def check_recipient(case, payload: dict) -> dict:
    """The payload with the recipient checked (422 naming ``recipient``, ``recipient_id_number`` or
    ``authorised``); the full ID number is replaced by its last 4 characters."""
    recipient = (payload.get("recipient") or "").strip()
    if not recipient:
        raise InvalidInput.field("recipient", "请填写领取人姓名")
    raw = (payload.get("recipient_id_number") or "").strip()
    if not raw:
        raise InvalidInput.field("recipient_id_number", "请核验并填写领取人的身份证号码")
    number = normalise_id("citizen_id", raw)
    problem = citizen_id_problem(number)
    if problem:
        raise InvalidInput.field("recipient_id_number", f"领取人身份证号码有误：{problem}")
    own = case.applicant_kind == "person" and number == normalise_id("citizen_id", case.applicant_id_number)
    agent = case.agent_id_number is not None and number == normalise_id("citizen_id", case.agent_id_number)
    authorised = bool(payload.get("authorised")) or (agent and case.authorisation_material_code is not None)
    if not own and not authorised:
        raise InvalidInput.field("authorised", "领取人不是申请人本人，须核验申请人的授权委托书并勾选“已核验授权委托书”")
    checked = {k: v for k, v in payload.items() if k != "recipient_id_number"}
    return {**checked, "recipient": recipient, "recipient_id_suffix": number[-4:], "authorised": not own}


def issue_cases(actor, case_nos: list[str], payload: dict) -> list:
    """批量出件 at the window to one recipient: every case or none (the refused case is named)."""
    issued = []
    for case_no in dict.fromkeys(case_nos):
        try:
            issued.append(issue_case(actor, case_no, {**payload, "method": "window"}))
        except ServiceError as error:
            refused = type(error)(f"办件 {case_no}：{error.message}（所选办件均未出件）", error.errors)
            refused.case_no = case_no
            raise refused from error
    return issued


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
                 recipient_id_suffix=delivery.recipient_id_suffix, confirmed=delivery.confirmed,
                 authorised=bool(payload.get("authorised")))
    after_engine_step(case, run, actor, completed_task_id=task.id, decision="issue")
    return case
