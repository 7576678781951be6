"""Task lists and completing back-office approval tasks (承办 / 审核 / 审批 / 会签 …)."""
import logging

import sqlalchemy as sa

from app.accounts.models import DEPARTMENT_ROLES
from app.cases.control import ensure_not_suspended
from app.cases.events import record_event
from app.cases.lifecycle import after_engine_step, lock_case
from app.cases.models import Case
from app.catalogue.models import ServiceItem
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.extensions import db
from app.workflow import TaskNotReady, WorkflowRun

from .models import HumanTask, TaskCandidate

logger = logging.getLogger(__name__)

DECISION_LABELS = {"approve": "通过", "reject": "不予许可", "return": "退回", "issue": "出件",
                   "acknowledge": "督办签收", "redispatch": "重新转办"}
#: decisions that need an opinion (理由 / 督办意见)
OPINION_REQUIRED = {"reject", "return", "acknowledge"}
#: steps whose 不予许可 is a proposal that goes on to the approver (bpmn/standard_approval.bpmn: only 审批, the
#: 首席代表, decides it); the pages label the button so
PROPOSING_STEPS = ("handle", "review")
#: back-office tasks completed through this API (acceptance and issuance have their own window endpoints)
BACK_OFFICE_FORMS = ("approval", "escalation")


#: the roles that decide cases: the window and the departments' staff. IT roles (admin, designer) and the
#: supervisors never do, whatever group a process names (separation of duties)
DECIDING_ROLES = ("clerk", *DEPARTMENT_ROLES)


def may_act_on(user, task: HumanTask) -> bool:
    if user.role not in DECIDING_ROLES:
        return False
    if task.assignee and task.assignee == user.username:
        return True
    if task.transferred:  # 转办: only the user it was handed to
        return False
    return bool(user.groups & set(task.candidate_groups))


def tasks_for(user, case_no=None, item_code=None, step=None):
    """The user's ready tasks: candidate group membership or direct assignment (one indexed query)."""
    if user.role not in DECIDING_ROLES:
        return []
    query = sa.select(HumanTask).join(Case).where(HumanTask.state == "ready")
    in_group = sa.exists().where(
        TaskCandidate.task_id == HumanTask.id, TaskCandidate.group_name.in_(sorted(user.groups))
    )
    query = query.where(sa.or_(HumanTask.assignee == user.username,
                               sa.and_(HumanTask.transferred.is_(False), in_group)))
    if case_no:
        query = query.where(Case.case_no == case_no)
    if item_code:
        query = query.join(ServiceItem, Case.item_id == ServiceItem.id).where(ServiceItem.code == item_code)
    if step:
        query = query.where(HumanTask.step == step)
    return db.session.scalars(query.order_by(HumanTask.created_at, HumanTask.id)).all()


def _validated_decision(task: HumanTask, form: dict) -> dict:
    decision = form["decision"]
    allowed = task.allowed_decisions
    if decision not in allowed:
        labels = "、".join(f"{d}（{DECISION_LABELS.get(d, d)}）" for d in allowed)
        raise InvalidInput.field("decision", f"环节“{task.name}”只能作出以下决定: {labels}")
    opinion = (form.get("opinion") or "").strip()
    if decision in OPINION_REQUIRED and not opinion:
        message = "督办须填写督办意见" if decision == "acknowledge" else "不予许可或退回时须填写审批意见（理由）"
        raise InvalidInput.field("opinion", message)
    return {"decision": decision, "opinion": opinion or None}


def complete_task(actor, task_id: str, form: dict) -> HumanTask:
    """Complete an approval task. Raises NotFound (404), Forbidden (403), Conflict (409), InvalidInput (422)."""
    task = db.session.get(HumanTask, task_id)
    if task is None:
        raise NotFound(f"任务 {task_id} 不存在")
    if not may_act_on(actor, task):
        raise Forbidden("该任务不属于您的部门或岗位")
    case = lock_case(task.case.case_no)
    db.session.refresh(task)  # read the projection again now that we hold the case lock
    if not may_act_on(actor, task):  # e.g. transferred to a colleague while we waited for the lock
        raise Forbidden("该任务已转交他人办理")
    if task.state != "ready":
        raise Conflict(f"任务“{task.name}”已{'办理' if task.state == 'completed' else '取消'}，不能重复办理")
    if task.form_key not in BACK_OFFICE_FORMS:
        raise Conflict(f"任务“{task.name}”须在窗口办理（受理或出件接口）")
    ensure_not_suspended(case)
    values = _validated_decision(task, form)
    from .delegation import (  # delegation imports this module
        ensure_all_signed,
        reply_to_delegation,
    )

    if task.delegated_by is not None:  # 委派: the delegate's opinion goes back to the delegator
        return reply_to_delegation(actor, case, task, values)
    ensure_all_signed(task)

    run = WorkflowRun.open(case.workflow_instance_id)
    try:
        run.complete_task(task.id, values)
    except TaskNotReady as exc:
        raise Conflict(f"任务“{task.name}”已不在待办状态") from exc
    action = {"return": "task.returned", "acknowledge": "escalation.acknowledged"}.get(values["decision"],
                                                                                     "task.completed")
    record_event(case, actor, action, task_id=task.id, step=task.name, decision=values["decision"],
                 opinion=values["opinion"], department=task.department_code, subject=task.subject)
    after_engine_step(case, run, actor, completed_task_id=task.id, decision=values["decision"])
    return task
