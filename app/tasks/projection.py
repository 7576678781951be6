"""Keeping the human_tasks projection in step with the engine (called on every save of a case)."""
import logging

import sqlalchemy as sa

from app.database import utcnow
from app.extensions import db
from app.network.groups import qualify_groups

from .models import HumanTask, TaskCandidate

logger = logging.getLogger(__name__)


def department_of(groups) -> str | None:
    """``SCJGJ:handler`` → ``SCJGJ``; window and role groups belong to no department."""
    for group in groups:
        prefix, sep, _ = group.partition(":")
        if sep and prefix not in ("window", "role"):
            return prefix
    return None


def sync_ready_tasks(case, ready_tasks, completed_task_id=None, actor=None, decision=None):
    """Insert newly ready tasks, close the ones the engine no longer has ready.

    The task that was just completed is marked completed (with who and which decision); any other task
    that disappeared was cancelled by the engine (e.g. a branch ended by a boundary event).
    """
    now = utcnow()
    current = {
        t.id: t for t in db.session.scalars(
            sa.select(HumanTask).where(HumanTask.case_id == case.id, HumanTask.state == "ready")
        )
    }
    ready_ids = {t.id for t in ready_tasks}
    for task_id, row in current.items():
        if task_id in ready_ids:
            continue
        row.completed_at = now
        if task_id == completed_task_id:
            row.state = "completed"
            row.completed_by_id = actor.id if actor is not None else None
            row.decision = decision
        else:
            row.state = "cancelled"
    for task in ready_tasks:
        if task.id in current:
            continue
        existing = db.session.get(HumanTask, task.id)
        if existing is not None:  # reopened by the engine (e.g. after a reset) — make it ready again
            existing.state, existing.completed_at, existing.completed_by_id = "ready", None, None
            existing.decision, existing.transferred, existing.assignee = None, False, task.assignee
            existing.due_at = getattr(task, "due_at", None)
            existing.delegated_by = None
            existing.cosigners.clear()  # 加签 of the earlier round do not carry over
            continue
        db.session.add(HumanTask(
            id=task.id,
            case=case,
            step_id=task.step_id,
            step=task.properties.get("step", task.step_id),
            name=task.name,
            lane=task.lane,
            form_key=task.form_key,
            decisions=task.properties.get("decisions", ""),
            department_code=department_of(task.candidate_groups),
            subject=(task.item or {}).get("name"),
            assignee=task.assignee,
            created_at=now,
            due_at=getattr(task, "due_at", None),  # the step limit timer, if the step has one
            candidates=[TaskCandidate(group_name=g) for g in qualify_groups(task.candidate_groups, case)],
        ))
    db.session.flush()
