"""Read access to cases: who may see which case."""
import sqlalchemy as sa

from app.catalogue.models import ItemCoDepartment, ServiceItem
from app.errors import Forbidden, NotFound
from app.extensions import db
from app.network.agents import agent_cases_clause
from app.network.scope import case_scope_clause
from app.tasks.models import HumanTask

from .models import Case

REGION_ROLES = ("admin", "supervisor")


def visibility_filter(user):
    """The SQL condition for the cases ``user`` may see (the query must join ServiceItem on Case.item_id)."""
    if user.role in REGION_ROLES:
        # the cases handled or received in the user's region (the city: all; a district: its own)
        return case_scope_clause(user, Case)
    if user.role == "agent":
        return agent_cases_clause(user, Case)
    if user.role == "clerk" and user.window is not None:
        # the cases received at the clerk's centre that its window accepts
        window = user.window
        at_centre = Case.receiving_centre_id == window.centre_id
        if window.accepts_all:
            return at_centre
        # …and those received at this very window (a 一件事 accepted there includes other sectors' items)
        return sa.or_(sa.and_(at_centre, ServiceItem.sector == window.sector), Case.window_id == window.id)
    if user.department is not None:
        code, dept_id = user.department.code, user.department.id
        return sa.or_(
            ServiceItem.department_id == dept_id,
            sa.exists().where(ItemCoDepartment.item_id == ServiceItem.id, ItemCoDepartment.department_id == dept_id),
            sa.exists().where(HumanTask.case_id == Case.id, HumanTask.department_code == code),
        )
    return sa.false()


def visible_cases(user, status=None, item_code=None, limit=50):
    query = sa.select(Case).join(ServiceItem, Case.item_id == ServiceItem.id).where(visibility_filter(user))
    if status:
        query = query.where(Case.status == status)
    if item_code:
        query = query.where(ServiceItem.code == item_code)
    return db.session.scalars(query.order_by(Case.received_at.desc(), Case.id.desc()).limit(limit)).all()


def case_for(user, case_no: str) -> Case:
    case = db.session.scalars(sa.select(Case).where(Case.case_no == case_no)).first()
    if case is None:
        raise NotFound(f"办件 {case_no} 不存在")
    visible = db.session.scalar(
        sa.select(sa.func.count()).select_from(Case).join(ServiceItem, Case.item_id == ServiceItem.id)
        .where(Case.id == case.id, visibility_filter(user))
    )
    if not visible:
        raise Forbidden("无权查看该办件")
    return case
