"""What the application does when a step limit timer fired: the case history, the 督办 task's subject and
notifications to the people whose step ran over (the department head gets the 督办 task itself)."""
import logging
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from app.accounts.models import User
from app.cases.events import record_event
from app.extensions import db
from app.notifications.services import notify
from app.tasks.models import HumanTask

logger = logging.getLogger(__name__)

ESCALATION_FORM = "escalation"
TIMEOUT_RETURN_STEP = "timeout_return"


def _local(due):
    return due.astimezone(ZoneInfo(current_app.config["TIMEZONE"])).strftime("%Y-%m-%d %H:%M")


def _recipients(step_tasks):
    groups = {g for t in step_tasks for g in t.candidate_groups}
    usernames = {t.assignee for t in step_tasks if t.assignee}
    users = db.session.scalars(sa.select(User).where(User.username.in_(sorted(usernames)))).all() if usernames else []
    return groups, users


def react_to_fired_timers(case, fired, before, ready) -> None:
    """``fired``: timers that fired; ``before``/``ready``: the ready tasks before and after firing."""
    before_by_id = {t.id: t for t in before}
    new_tasks = [t for t in ready if t.id not in before_by_id]
    escalations = [t for t in new_tasks if t.form_key == ESCALATION_FORM]
    returned = any(t.properties.get("step") == TIMEOUT_RETURN_STEP for t in new_tasks)
    item = case.item
    for index, timer in enumerate(fired):
        step_tasks = [before_by_id[i] for i in timer.step_task_ids if i in before_by_id]
        outcome = "auto_return" if returned else ("escalated" if escalations else "fired")
        record_event(case, None, "timer.fired", task_id=step_tasks[0].id if step_tasks else None,
                     step=timer.step_name or timer.timer_name, timer=timer.timer_id, step_code=timer.step_code,
                     due=timer.due.isoformat(), outcome=outcome)
        if index < len(escalations):
            row = db.session.get(HumanTask, escalations[index].id)
            if row is not None:
                row.subject = f"{timer.step_name}超期"
        if not step_tasks:
            continue
        groups, users = _recipients(step_tasks)
        if returned:
            record_event(case, None, "step.auto_returned", task_id=step_tasks[0].id, step=timer.step_name,
                         opinion="超过环节办理时限，按事项设置自动退回综合窗口")
            message = (f"办件 {case.case_no}（{item.name}）的“{timer.step_name}”环节已超过办理时限"
                       f"（{_local(timer.due)}），按事项设置已自动退回综合窗口，并已报部门负责人督办。")
        else:
            message = (f"办件 {case.case_no}（{item.name}）的“{timer.step_name}”环节已超过办理时限"
                       f"（{_local(timer.due)}），已向部门负责人发起督办，请尽快办理。")
        notify(case, message, "auto_return" if returned else "overdue", groups=groups, users=users,
               task_id=step_tasks[0].id)
    db.session.flush()
