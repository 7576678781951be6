"""Who may stop the clock or extend a case."""
import sqlalchemy as sa

from app.accounts.models import DEPARTMENT_ROLES
from app.errors import Forbidden
from app.extensions import db
from app.tasks.models import HumanTask


def handling_departments(case) -> list[str]:
    """Departments that currently hold a ready task on the case, oldest task first."""
    rows = db.session.scalars(
        sa.select(HumanTask.department_code)
        .where(HumanTask.case_id == case.id, HumanTask.state == "ready", HumanTask.department_code.is_not(None))
        .order_by(HumanTask.created_at, HumanTask.id)
    ).all()
    return list(dict.fromkeys(rows))


#: who may stop a case's clock: the approver (首席代表) or the head of a handling department — a handler alone
#: cannot; IT roles never act on cases
PAUSE_DECIDERS = ("approver", "head")


def require_handling_department_staff(actor, case) -> str:
    """Department staff (承办/审核/审批/负责人) of a department that has a ready task on the case.
    Returns the actor's department code."""
    if actor.role in DEPARTMENT_ROLES and actor.department is not None:
        if actor.department.code in handling_departments(case):
            return actor.department.code
    raise Forbidden("只有当前正在办理该办件的部门工作人员可以暂停或恢复计时")


def require_pause_decider(actor, case) -> str:
    """The approver or head of a department handling the case (a pause stops the legal clock: not one
    handler's call). Returns the actor's department code."""
    department = require_handling_department_staff(actor, case)
    if actor.role not in PAUSE_DECIDERS:
        raise Forbidden("暂停计时（特别程序）须由办理部门的审批人（首席代表）或负责人决定")
    return department


def require_lead_department_decider(actor, case) -> None:
    """The approver (首席代表) or head of the item's implementing (lead) department."""
    if actor.role in ("approver", "head") and actor.department_id == case.item.department_id:
        return
    raise Forbidden("延长审批须由牵头部门的审批人（首席代表）或负责人决定")
