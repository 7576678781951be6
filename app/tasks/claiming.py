"""签收 (claim): a member of a task's candidate groups takes a ready task for themself, so that colleagues of
the same group no longer see it in their inbox; as after 转办, only the claimant may then act on it (they can
still hand it on by 转办). Batch 签收 claims several tasks in the caller's one transaction: all or nothing, the
refused task named."""
import logging

from app.cases.events import record_event
from app.errors import ServiceError
from app.extensions import db

from .models import HumanTask
from .operations import _lock_ready_task

logger = logging.getLogger(__name__)

MAX_BATCH = 100


def claim(actor, task_id: str) -> HumanTask:
    """Claim one task (403 when not the actor's, 409 when no longer ready); claiming one's own is a no-op."""
    case, task = _lock_ready_task(actor, task_id)
    if task.transferred and task.assignee == actor.username:
        return task
    task.assignee, task.transferred = actor.username, True
    record_event(case, actor, "task.claimed", task_id=task.id, step=task.name, department=task.department_code)
    logger.info("task %s claimed by user %s", task.id, actor.id)
    return task


def claim_many(actor, task_ids: list[str]) -> list[HumanTask]:
    """Claim every task of ``task_ids`` or none: the first refusal is raised again naming its case and step
    (the caller's transaction rolls back the claims made before it)."""
    claimed = []
    for task_id in dict.fromkeys(task_ids):
        try:
            claimed.append(claim(actor, task_id))
        except ServiceError as error:
            task = _describe(task_id)
            refused = type(error)(f"{task}：{error.message}（所选任务均未签收）", error.errors)
            refused.task_id = task_id
            raise refused from error
    return claimed


def _describe(task_id: str) -> str:
    task = db.session.get(HumanTask, task_id)
    return f"办件 {task.case.case_no} 的“{task.name}”" if task is not None else f"任务 {task_id}"
