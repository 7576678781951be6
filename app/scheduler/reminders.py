"""Reminders (催办): tell the handlers of a step that its limit ends within a day, once per task."""
import logging
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from app.extensions import db
from app.notifications.services import notify
from app.tasks.models import HumanTask

logger = logging.getLogger(__name__)

REMIND_BEFORE = timedelta(hours=24)


def remind_due_soon(now: datetime | None = None, batch: int = 500) -> int:
    """One transaction; returns how many tasks were reminded.

    Each task is claimed by ``UPDATE … SET reminded_at WHERE reminded_at IS NULL``: of two schedulers that
    found the same task, the second's UPDATE waits for the first to commit and then matches no row, so the
    reminder goes out once. Candidates are found by the (state, due_at) index, in proportion to what is due."""
    now = now or datetime.now(timezone.utc)
    candidates = db.session.scalars(
        sa.select(HumanTask.id)
        .where(HumanTask.state == "ready", HumanTask.due_at > now, HumanTask.due_at <= now + REMIND_BEFORE,
               HumanTask.reminded_at.is_(None))
        .order_by(HumanTask.due_at).limit(batch)
    ).all()
    reminded = 0
    for task_id in candidates:
        claimed = db.session.execute(
            sa.update(HumanTask).where(HumanTask.id == task_id, HumanTask.reminded_at.is_(None))
            .values(reminded_at=now).execution_options(synchronize_session=False)
        ).rowcount
        if not claimed:
            continue
        task = db.session.get(HumanTask, task_id)
        message = f"办件 {task.case.case_no} 的“{task.name}”环节将于 24 小时内到期，请及时办理。"
        notify(task.case, message, "due_soon", groups=task.candidate_groups, task_id=task.id)
        reminded += 1
    db.session.commit()
    if reminded:
        logger.info("reminded %d task(s) due within %s", reminded, REMIND_BEFORE)
    return reminded
