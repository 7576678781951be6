"""The e-licence register for staff (电子证照库): who sees which licences, a paged search by number or holder,
one licence. Holder names and citizen ID numbers are masked for those who do not need them (the schema and
the pages use :func:`holder_view`)."""
import sqlalchemy as sa

from app.accounts.models import DEPARTMENT_ROLES
from app.applicants.identity import mask_id_number, mask_name
from app.cases import lifecycle
from app.cases.models import Case
from app.cases.privacy import sees_full_identity
from app.errors import Forbidden, NotFound
from app.extensions import db
from app.network.scope import case_scope_clause

from .models import LICENCE_STATUSES, Licence

#: who opens the register: the supervisors of a region, the departments (their own licences), the window
READER_ROLES = ("supervisor", "clerk", *DEPARTMENT_ROLES)


def _visible(user):
    if user.role == "supervisor":
        return Licence.case_id.in_(sa.select(Case.id).where(case_scope_clause(user, Case)))
    if user.role == "clerk" and user.window is not None:
        return Licence.case_id.in_(sa.select(Case.id).where(Case.receiving_centre_id == user.window.centre_id))
    if user.role in DEPARTMENT_ROLES and user.department_id is not None:
        return Licence.department_id == user.department_id
    raise Forbidden("当前角色无权查看电子证照")


def licence_query(user, q: str = "", status: str | None = None):
    """Newest first. ``q`` matches the licence number or the case number (contains) or the holder's name or
    code (exact: a masked list cannot be searched by a fragment of a name)."""
    query = sa.select(Licence).where(_visible(user)).order_by(Licence.id.desc())
    q = (q or "").strip()
    if q:
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(sa.or_(
            Licence.number.ilike(f"%{escaped}%", escape="\\"),
            Licence.case_id.in_(sa.select(Case.id).where(Case.case_no.ilike(f"%{escaped}%", escape="\\"))),
            Licence.holder_name == q, Licence.holder_code == q.upper()))
    if status == "expired":
        query = query.where(Licence.status == "valid", Licence.valid_to.is_not(None),
                            Licence.valid_to < lifecycle.local_now().date())
    elif status in LICENCE_STATUSES:
        query = query.where(Licence.status == status)
    return query


def licence_for(user, licence_id: int) -> Licence:
    licence = db.session.scalars(sa.select(Licence).where(Licence.id == licence_id, _visible(user))).first()
    if licence is None:
        if db.session.get(Licence, licence_id) is None:
            raise NotFound(f"电子证照 {licence_id} 不存在")
        raise Forbidden("无权查看该电子证照")
    return licence


def holder_view(licence, user) -> dict:
    """The holder as ``user`` may see it: a credit code and an organisation's name are public."""
    full = sees_full_identity(user)
    organisation = not licence.holder_is_person
    public_code = licence.holder_code_type == "001"
    return {
        "name": licence.holder_name if full or organisation else mask_name(licence.holder_name),
        "code": licence.holder_code if full or public_code else mask_id_number(licence.holder_code),
    }


def may_change_status(user, licence) -> bool:
    """撤销 / 注销: the issuing department's approver (首席代表) or head (app.licences.services decides)."""
    return user.role in ("approver", "head") and user.department_id == licence.department_id
