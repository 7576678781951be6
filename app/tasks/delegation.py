"""委派 (delegate) and 加签 (add signer) — projection-level operations that never step the engine.

- delegate: the holder hands a ready task to a colleague of the same department for an opinion. While
  delegated the task is reserved for the delegate; the delegate's /complete records the opinion in the
  history and gives the task back to the delegator (reserved for them), who then completes it normally.
- add signer: the holder adds a department staff member who must sign (with an opinion) via /sign before
  the task can be completed; completing it earlier is a 409.
"""
import logging

import sqlalchemy as sa

from app.accounts.models import DEPARTMENT_ROLES, User
from app.cases.control import ensure_not_suspended
from app.cases.events import record_event
from app.cases.lifecycle import lock_case
from app.database import utcnow
from app.errors import Conflict, Forbidden, InvalidInput
from app.extensions import db
from app.notifications.services import notify

from .models import HumanTask, TaskCosigner
from .operations import _lock_ready_task, _task

logger = logging.getLogger(__name__)


def case_department_codes(case) -> set[str]:
    """The departments on a case: the item's implementing and co-departments and every department that has
    held one of its steps (the only departments whose staff may read it, and so sign it)."""
    item = case.item
    codes = {item.department.code, *(c.department.code for c in item.co_departments)}
    return codes | {t.department_code for t in case.tasks if t.department_code}


def _colleague(to_user: str, task: HumanTask, actor, same_department: bool) -> User:
    target = db.session.scalars(sa.select(User).where(User.username == to_user)).first()
    if target is None or not target.active:
        raise InvalidInput.field("to_user", f"用户 {to_user} 不存在或已停用")
    if target.role not in DEPARTMENT_ROLES or target.department is None:
        raise InvalidInput.field("to_user", f"用户 {to_user} 不是部门工作人员")
    if same_department and target.department.code != task.department_code:
        raise InvalidInput.field("to_user", f"用户 {to_user} 不属于本环节的办理部门")
    if target.department.code not in case_department_codes(task.case):
        raise InvalidInput.field("to_user", f"用户 {to_user} 所在部门不是本办件的办理部门，不能加签")
    if target.id == actor.id:
        raise InvalidInput.field("to_user", "不能选择自己")
    return target


def delegate(actor, task_id: str, to_user: str, opinion: str | None) -> HumanTask:
    case, task = _lock_ready_task(actor, task_id)
    target = _colleague(to_user, task, actor, same_department=True)
    task.delegated_by, task.assignee, task.transferred = actor.username, target.username, True
    opinion = (opinion or "").strip() or None
    record_event(case, actor, "task.delegated", task_id=task.id, step=task.name, opinion=opinion,
                 to_user=target.username, to_name=target.display_name, department=task.department_code)
    notify(case, f"{actor.display_name}委派您对办件 {case.case_no} 的“{task.name}”提出意见", "delegate",
           users=[target], task_id=task.id)
    db.session.flush()
    logger.info("case %s: task %s delegated by %s to %s", case.case_no, task.id, actor.username, target.username)
    return task


def reply_to_delegation(actor, case, task: HumanTask, values: dict) -> HumanTask:
    """The delegate's /complete: the opinion goes into the history, the task back to the delegator."""
    delegator = task.delegated_by
    record_event(case, actor, "task.delegate_replied", task_id=task.id, step=task.name,
                 decision=values["decision"], opinion=values["opinion"], to_user=delegator,
                 department=task.department_code)
    task.assignee, task.transferred, task.delegated_by = delegator, True, None
    back_to = db.session.scalars(sa.select(User).where(User.username == delegator)).first()
    if back_to is not None:
        notify(case, f"{actor.display_name}已回复委派的“{task.name}”（办件 {case.case_no}），请继续办理", "delegate",
               users=[back_to], task_id=task.id)
    db.session.flush()
    return task


def add_signer(actor, task_id: str, to_user: str, opinion: str | None) -> HumanTask:
    case, task = _lock_ready_task(actor, task_id)
    target = _colleague(to_user, task, actor, same_department=False)
    if any(c.user_id == target.id for c in task.cosigners):
        raise Conflict(f"{target.display_name}已是本任务的加签人")
    task.cosigners.append(TaskCosigner(user_id=target.id, added_by_id=actor.id, added_at=utcnow()))
    opinion = (opinion or "").strip() or None
    record_event(case, actor, "task.signer_added", task_id=task.id, step=task.name, opinion=opinion,
                 to_user=target.username, to_name=target.display_name, department=task.department_code)
    notify(case, f"{actor.display_name}请您对办件 {case.case_no} 的“{task.name}”加签", "add_signer",
           users=[target], task_id=task.id)
    db.session.flush()
    return task


def sign(actor, task_id: str, opinion: str | None) -> HumanTask:
    task = _task(task_id)
    if not any(c.user_id == actor.id for c in task.cosigners):
        raise Forbidden("您不是该任务的加签人")
    case = lock_case(task.case.case_no)
    db.session.refresh(task)
    if task.state != "ready":
        raise Conflict(f"任务“{task.name}”已不在待办状态，不能再加签")
    ensure_not_suspended(case)
    record = next(c for c in task.cosigners if c.user_id == actor.id)
    if record.signed_at is not None:
        raise Conflict("您已签署过该任务")
    opinion = (opinion or "").strip()
    if not opinion:
        raise InvalidInput.field("opinion", "加签须填写意见")
    record.signed_at, record.opinion = utcnow(), opinion
    record_event(case, actor, "task.signed", task_id=task.id, step=task.name, opinion=opinion,
                 department=task.department_code)
    db.session.flush()
    return task


def ensure_all_signed(task: HumanTask) -> None:
    pending = [c.user.display_name for c in task.cosigners if c.signed_at is None]
    if pending:
        raise Conflict(f"加签人尚未签署：{'、'.join(pending)}，暂不能办理")
