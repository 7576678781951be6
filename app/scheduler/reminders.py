"""Reminders (催办): tell the handlers of a step that its limit ends within a day, once per task."""
import logging
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from app.extensions import db
from app.notifications.models import Notification
from app.notifications.services import notify
from app.tasks.models import HumanTask

logger = logging.getLogger(__name__)

REMIND_BEFORE = timedelta(hours=24)


def remind_due_soon(now: datetime | None = None, batch: int = 500) -> int:
    """One transaction; returns how many tasks were reminded."""
    now = now or datetime.now(timezone.utc)
    already = sa.exists().where(Notification.kind == "due_soon", Notification.task_id == HumanTask.id)
    tasks = db.session.scalars(
        sa.select(HumanTask)
        .where(HumanTask.state == "ready", HumanTask.due_at.is_not(None), HumanTask.due_at > now,
               HumanTask.due_at <= now + REMIND_BEFORE, ~already)
        .order_by(HumanTask.due_at).limit(batch)
    ).all()
    for task in tasks:
        message = f"办件 {task.case.case_no} 的“{task.name}”环节将于 24 小时内到期，请及时办理。"
        notify(task.case, message, "due_soon", groups=task.candidate_groups, task_id=task.id)
    db.session.commit()
    if tasks:
        logger.info("reminded %d task(s) due within %s", len(tasks), REMIND_BEFORE)
    return len(tasks)
