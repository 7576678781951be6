"""Approval operations on back-office tasks beyond completing them: 转办 (transfer), 退回到任意已办环节
(return to step) and 撤回 (withdraw).

Limits (documented in the OpenAPI descriptions too):
- transfer: only to an active user who belongs to one of the task's candidate groups (same department and
  role group). A transferred task is reserved for its assignee: the candidate groups no longer grant access
  (``HumanTask.transferred``); it can be transferred on again by the new assignee.
- return: only to an earlier completed back-office step the current task descends from in the engine (the
  window acceptance step is never a target), and only when every task now waiting descends from that step, so
  a reset never leaves a branch of a parallel joint step (会签) dangling before its join. Instances of a
  multi-instance step are never targets.
- withdraw: only by the user who completed the task, only while no task created after it has been completed
  and no decision (准予/不予许可) has been made; implemented as the same engine reset.
"""
import logging

import sqlalchemy as sa

from app.accounts.models import User
from app.cases.control import ensure_not_suspended
from app.cases.events import record_event
from app.cases.lifecycle import after_engine_step, lock_case
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.extensions import db
from app.notifications.services import notify
from app.workflow import TaskNotReady, WorkflowRun

from .models import HumanTask
from .services import BACK_OFFICE_FORMS, may_act_on

logger = logging.getLogger(__name__)


def _task(task_id: str) -> HumanTask:
    task = db.session.get(HumanTask, task_id)
    if task is None:
        raise NotFound(f"任务 {task_id} 不存在")
    return task


def _lock_ready_task(actor, task_id: str):
    """The task (ready, back-office, the actor may act on it) and its case, locked."""
    task = _task(task_id)
    if not may_act_on(actor, task):
        raise Forbidden("该任务不属于您的部门或岗位")
    case = lock_case(task.case.case_no)
    db.session.refresh(task)  # read the projection again now that we hold the case lock
    if task.state != "ready":
        raise Conflict(f"任务“{task.name}”已{'办理' if task.state == 'completed' else '取消'}，不能再操作")
    if task.form_key not in BACK_OFFICE_FORMS:
        raise Conflict(f"任务“{task.name}”须在窗口办理")
    ensure_not_suspended(case)
    if task.delegated_by is not None:
        raise Conflict(f"任务“{task.name}”已委派，待受托人回复后再操作")
    return case, task


def _required_opinion(opinion, message):
    opinion = (opinion or "").strip()
    if not opinion:
        raise InvalidInput.field("opinion", message)
    return opinion


# -- 转办 ----------------------------------------------------------------------------------------------------
def transfer(actor, task_id: str, to_user: str, opinion: str | None) -> HumanTask:
    case, task = _lock_ready_task(actor, task_id)
    target = db.session.scalars(sa.select(User).where(User.username == to_user)).first()
    if target is None or not target.active:
        raise InvalidInput.field("to_user", f"用户 {to_user} 不存在或已停用")
    if not target.groups & set(task.candidate_groups):
        raise InvalidInput.field("to_user", f"用户 {to_user} 不属于本环节的部门和岗位，不能转办给他")
    current_holder = task.assignee if task.transferred else actor.username
    if target.username == current_holder or target.username == actor.username:
        raise InvalidInput.field("to_user", "不能转办给自己")
    task.assignee, task.transferred = target.username, True
    opinion = (opinion or "").strip() or None
    record_event(case, actor, "task.transferred", task_id=task.id, step=task.name, opinion=opinion,
                 to_user=target.username, to_name=target.display_name, department=task.department_code)
    notify(case, f"办件 {case.case_no} 的“{task.name}”任务已由{actor.display_name}转办给您", "transfer",
           users=[target], task_id=task.id)
    db.session.flush()
    logger.info("case %s: task %s transferred by %s to %s", case.case_no, task.id, actor.username, target.username)
    return task


# -- 退回 ----------------------------------------------------------------------------------------------------
def _returnable(run: WorkflowRun, task: HumanTask) -> list[HumanTask]:
    """Earlier completed back-office steps the task may be returned to, nearest first, one per step."""
    ancestors = run.completed_user_ancestors(task.id)
    if not ancestors:
        return []
    rows = {t.id: t for t in db.session.scalars(
        sa.select(HumanTask).where(HumanTask.id.in_([i for i, _ in ancestors])))}
    steps, seen = [], set()
    for engine_id, step_id in ancestors:
        row = rows.get(engine_id)
        if row is None or row.form_key not in BACK_OFFICE_FORMS or step_id in seen or step_id == task.step_id:
            continue
        seen.add(step_id)
        if run.can_reset_to(engine_id):
            steps.append(row)
    return steps


def returnable_steps(actor, task_id: str) -> list[dict]:
    task = _task(task_id)
    if not may_act_on(actor, task):
        raise Forbidden("该任务不属于您的部门或岗位")
    if task.state != "ready" or task.form_key not in BACK_OFFICE_FORMS:
        return []
    run = WorkflowRun.open(task.case.workflow_instance_id, for_update=False)
    return [{"step_id": t.step_id, "step": t.step, "name": t.name,
             "completed_by": t.completed_by.display_name if t.completed_by else None}
            for t in _returnable(run, task)]


def return_to_step(actor, task_id: str, to_step: str, opinion: str | None) -> HumanTask:
    case, task = _lock_ready_task(actor, task_id)
    opinion = _required_opinion(opinion, "退回时须填写退回理由")
    run = WorkflowRun.open(case.workflow_instance_id)
    candidates = {t.step_id: t for t in _returnable(run, task)}
    target = candidates.get(to_step)
    if target is None:
        names = "、".join(f"{t.step_id}（{t.name}）" for t in candidates.values()) or "无"
        raise InvalidInput.field("to_step", f"不能退回到 {to_step}；可退回的环节: {names}")
    try:
        run.reset_to(target.id, extra={"return_reason": opinion})
    except TaskNotReady as exc:
        raise Conflict(f"已不能退回到“{target.name}”") from exc
    record_event(case, actor, "task.returned", task_id=task.id, step=task.name, decision="return", opinion=opinion,
                 to_step=target.step_id, to_step_name=target.name, department=task.department_code)
    after_engine_step(case, run, actor, completed_task_id=task.id, decision="return")
    logger.info("case %s: returned from %s to %s by %s", case.case_no, task.step_id, target.step_id, actor.username)
    return task


# -- 撤回 ----------------------------------------------------------------------------------------------------
def withdraw(actor, task_id: str, opinion: str | None) -> HumanTask:
    task = _task(task_id)
    if task.completed_by_id != actor.id:
        raise Forbidden("只有办理该任务的人员可以撤回")
    case = lock_case(task.case.case_no)
    db.session.refresh(task)
    if task.state != "completed" or task.decision in (None, "return", "withdrawn"):
        raise Conflict(f"任务“{task.name}”未办理完成，不能撤回")
    acted_after = db.session.scalar(sa.select(sa.func.count()).select_from(HumanTask).where(
        HumanTask.case_id == case.id, HumanTask.id != task.id, HumanTask.state == "completed",
        HumanTask.completed_at >= task.completed_at))
    ensure_not_suspended(case)
    if acted_after or case.result is not None:
        raise Conflict("下一环节已办理，不能撤回")
    run = WorkflowRun.open(case.workflow_instance_id)
    try:
        run.reset_to(task.id)
    except TaskNotReady as exc:
        raise Conflict("下一环节已办理或流程已结束，不能撤回") from exc
    opinion = (opinion or "").strip() or None
    record_event(case, actor, "task.withdrawn", task_id=task.id, step=task.name, opinion=opinion,
                 department=task.department_code)
    after_engine_step(case, run, actor)
    logger.info("case %s: %s withdrew task %s", case.case_no, actor.username, task.id)
    return task
