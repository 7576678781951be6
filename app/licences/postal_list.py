"""寄递状态: the results issued by post (邮寄送达) that a window clerk of the receiving centre or a supervisor of
the region sees, with their delivery status and the history of its updates (the case's events)."""
import sqlalchemy as sa

from app.cases.models import Case, CaseEvent
from app.errors import Forbidden
from app.extensions import db
from app.network.scope import case_scope_clause

from .models import CaseDelivery

#: the statuses a posted result goes through: posted at issue, then one of the delivery statuses
POSTAL_STATUSES = ("posted", "delivered", "signed", "returned")
POSTAL_EVENTS = ("case.issued", "case.delivery_updated")
READER_ROLES = ("clerk", "supervisor")


def _visible(user):
    if user.role == "supervisor":
        return case_scope_clause(user, Case)
    if user.role == "clerk" and user.window is not None:
        return Case.receiving_centre_id == user.window.centre_id
    raise Forbidden("只有窗口工作人员和电子监察人员可以查看寄递状态")


def posted_query(user, status: str | None = None, q: str = ""):
    """(CaseDelivery, Case) of the posted results, most recently updated first; ``q``: case or tracking number."""
    query = (sa.select(CaseDelivery, Case).join(Case, CaseDelivery.case_id == Case.id)
             .where(CaseDelivery.method == "post", _visible(user))
             .order_by(CaseDelivery.updated_at.desc(), CaseDelivery.id.desc()))
    if status in POSTAL_STATUSES:
        query = query.where(CaseDelivery.status == status)
    q = (q or "").strip()
    if q:
        query = query.where(sa.or_(Case.case_no == q, Case.tracking_no == q))
    return query


def page_of(query, page: int, per_page: int) -> dict:
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
    rows = db.session.execute(query.limit(per_page).offset((page - 1) * per_page)).all()
    return {"items": rows, "total": total, "page": page, "per_page": per_page, "pages": max(1, -(-total // per_page))}


def history(case_ids: list[int]) -> dict[int, list[CaseEvent]]:
    """The posting and every status update of each case, oldest first."""
    if not case_ids:
        return {}
    events = db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id.in_(case_ids), CaseEvent.action.in_(POSTAL_EVENTS))
        .order_by(CaseEvent.case_id, CaseEvent.seq)).all()
    result: dict[int, list[CaseEvent]] = {}
    for event in events:
        result.setdefault(event.case_id, []).append(event)
    return result
