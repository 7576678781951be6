"""Handling a record through its process (bpmn/feedback.bpmn), only through the app.workflow adapter:

- 受理 (``accept``): the centre's 电子监察 (role ``supervisor``, the 12345/complaint desk) routes it to the
  responsible department (转办, ``route``) or does not accept it with a reason (``reject``);
- 答复拟稿 (``draft``): the department's handler drafts the answer (for a question: publishable or not) or
  returns it to the desk as not the department's duty (``return``);
- 答复签发 (``sign_off``): the department's approver or head signs the answer off (``approve``) — never the
  person who drafted it — or returns it to be redrafted;
- 回访 (``visit``): the desk calls the citizen back and records the satisfaction (1 非常满意 … 5 非常不满意).

Who may act is the BPMN's candidate groups; the record's limit stops with the signed answer."""
import logging

import sqlalchemy as sa

from app.cases import lifecycle
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.extensions import db
from app.network.models import Department
from app.network.scope import user_scope, within
from app.ratings.models import GRADES
from app.workflow import TaskNotReady, WorkflowRun

from .models import OPEN_STATES, FeedbackRecord
from .projection import project, record_event
from .timing import time_status

logger = logging.getLogger(__name__)

STEP_LABELS = {"submit": "提交", "accept": "受理", "draft": "答复拟稿", "sign_off": "答复签发", "visit": "回访"}
DECISION_LABELS = {"route": "受理并转办", "reject": "不予受理", "draft": "提交签发", "return": "退回",
                   "approve": "签发答复", "close": "回访办结"}
#: the state a decision leads to
NEXT_STATE = {("accept", "route"): "routed", ("accept", "reject"): "rejected", ("draft", "draft"): "drafted",
              ("draft", "return"): "submitted", ("sign_off", "approve"): "answered",
              ("sign_off", "return"): "routed", ("visit", "close"): "closed"}
EVENT_ACTIONS = {("accept", "route"): "accepted", ("accept", "reject"): "rejected", ("draft", "draft"): "drafted",
                 ("draft", "return"): "returned", ("sign_off", "approve"): "signed", ("sign_off", "return"): "returned",
                 ("visit", "close"): "visited"}
OPINION_REQUIRED = {("accept", "reject"), ("draft", "return"), ("sign_off", "return")}
SUPERVISION_ROLES = ("supervisor",)


def _scope_clause(actor):
    region = user_scope(actor)
    return sa.true() if region is None else within(region, FeedbackRecord.region_code)


def visibility_clause(actor):
    """SQL: the records a member of staff sees — the desk (supervisors, in its region) all of them, a
    department's staff those routed to their department."""
    if actor.role == "supervisor":
        return _scope_clause(actor)
    if actor.department_id is None:
        return sa.false()
    return FeedbackRecord.department_id == actor.department_id


def record_for(actor, number: str, lock: bool = False) -> FeedbackRecord:
    query = sa.select(FeedbackRecord).where(FeedbackRecord.number == number, visibility_clause(actor))
    if lock:
        query = query.with_for_update(of=FeedbackRecord)
    record = db.session.scalars(query).first()
    if record is None:
        raise NotFound(f"记录 {number} 不存在或不在本人办理范围内")
    return record


def records_for(actor, kind=None, state=None, colour=None, limit=200) -> list[FeedbackRecord]:
    query = sa.select(FeedbackRecord).where(visibility_clause(actor))
    if kind:
        query = query.where(FeedbackRecord.kind == kind)
    if state:
        query = query.where(FeedbackRecord.state == state)
    if colour:
        query = query.where(FeedbackRecord.state.in_(OPEN_STATES))
    records = db.session.scalars(query.order_by(FeedbackRecord.deadline, FeedbackRecord.id).limit(limit)).all()
    if colour:
        records = [r for r in records if time_status(r)["colour"] == colour]
    return records


def may_act(actor, record) -> bool:
    if record.step is None:
        return False
    return bool(actor.groups & set(record.candidate_groups or ()))


def _validated(record, actor, step: str, form: dict) -> dict:
    decision = form.get("decision")
    if (step, decision) not in NEXT_STATE:
        allowed = "、".join(DECISION_LABELS[d] for s, d in NEXT_STATE if s == step)
        raise InvalidInput.field("decision", f"环节“{STEP_LABELS[step]}”只能选择：{allowed}")
    opinion = (form.get("opinion") or "").strip() or None
    if (step, decision) in OPINION_REQUIRED and not opinion:
        raise InvalidInput.field("opinion", "请填写理由")
    engine = {"decision": decision}
    if (step, decision) == ("accept", "route"):
        department = db.session.scalars(sa.select(Department).where(
            Department.code == (form.get("department") or ""))).first()
        if department is None:
            raise InvalidInput.field("department", "请选择责任部门")
        engine["department"] = department.code
    if (step, decision) == ("draft", "draft"):
        answer = (form.get("answer") or "").strip()
        if not answer:
            raise InvalidInput.field("answer", "请填写答复内容")
    if (step, decision) == ("sign_off", "approve") and actor.id == record.drafted_by_id:
        raise Forbidden("答复须由拟稿人以外的审批人或负责人签发")
    if step == "visit" and form.get("satisfaction") not in GRADES:
        raise InvalidInput.field("satisfaction", "请记录诉求人的满意度（1 非常满意 … 5 非常不满意）")
    return engine


def _apply(record, actor, step: str, decision: str, form: dict, engine: dict) -> None:
    if step == "accept" and decision == "route":
        record.department = db.session.scalars(sa.select(Department).where(
            Department.code == engine["department"])).one()
    elif step == "draft" and decision == "draft":
        record.answer = form["answer"].strip()
        record.publishable = bool(form.get("publishable")) and record.kind == "question" and record.item_id is not None
        record.drafted_by_id = actor.id
    elif step == "draft" and decision == "return":
        record.department, record.answer, record.drafted_by_id = None, None, None
    elif step == "sign_off" and decision == "approve":
        record.signed_by_id, record.answered_at = actor.id, lifecycle.now_utc()
    elif step == "visit":
        record.satisfaction = form["satisfaction"]
        record.visit_note = (form.get("note") or "").strip() or None
        record.closed_at = lifecycle.now_utc()
    if (step, decision) == ("accept", "reject"):
        record.closed_at = lifecycle.now_utc()
    record.state = NEXT_STATE[(step, decision)]


def act(actor, number: str, step: str, form: dict) -> FeedbackRecord:
    """Complete the record's waiting ``step`` with ``form`` (decision, opinion and the step's own fields)."""
    record = record_for(actor, number, lock=True)
    run = WorkflowRun.open(record.workflow_instance_id)
    project(record, run)  # the engine decides which step waits, whatever the row said
    if record.step != step:
        current = STEP_LABELS.get(record.step, "已办结") if record.step else "已办结"
        raise Conflict(f"记录 {number} 当前环节为“{current}”，不能办理“{STEP_LABELS.get(step, step)}”")
    if not may_act(actor, record):
        raise Forbidden(f"本人不是“{STEP_LABELS[step]}”环节的办理人")
    engine = _validated(record, actor, step, form)
    decision = engine["decision"]
    try:
        run.complete_task(record.task_id, engine)
    except TaskNotReady as exc:
        raise Conflict("该环节已被他人办理，请刷新后重试") from exc
    run.save()
    _apply(record, actor, step, decision, form, engine)
    project(record, run)
    opinion = (form.get("opinion") or "").strip() or None
    record_event(record, actor, step, EVENT_ACTIONS[(step, decision)], opinion)
    logger.info("feedback %s: %s %s by user %s", number, step, decision, actor.id)
    return record
