"""How a task is named to people: a step of a joint (并联) case names its department, e.g. “协办部门审批（消防救援支队）”,
“牵头部门预审（住建局）”, since the same step runs for several departments at once. Used by the pages (template
global ``task_step_label``) and the API (``TaskSchema.step_label``)."""
import sqlalchemy as sa
from flask import g, has_request_context

from app.extensions import db
from app.network.models import Department


def department_name(code: str | None) -> str | None:
    """The department's name by its code (looked up once per request)."""
    if not code:
        return None
    cache = g.setdefault("_department_names", {}) if has_request_context() else {}
    if code not in cache:
        cache[code] = db.session.scalar(sa.select(Department.name).where(Department.code == code))
    return cache[code]


def task_department_label(task) -> str | None:
    """The department a step of a joint case is for (the co-department of a 会签 instance, else the holder's
    department); None for a step of a single-department case."""
    if task.subject:
        return task.subject
    if task.case is not None and task.case.item.is_joint:
        return department_name(task.department_code)
    return None


def task_step_label(task) -> str:
    label = task_department_label(task)
    return f"{task.name}（{label}）" if label else task.name
