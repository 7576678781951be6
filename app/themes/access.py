"""Who sees a theme case: the clerks of its receiving centre, staff of a member item's department or of the
coordinating department, and 电子监察. Applicant data is masked for everyone but the window."""
import sqlalchemy as sa

from app.applicants.identity import mask_name
from app.cases.models import Case
from app.catalogue.models import ServiceItem
from app.errors import Forbidden, NotFound
from app.extensions import db
from app.network.models import Region, ServiceCentre
from app.network.scope import covers, user_scope

from .models import ThemeCase, ThemeChild
from .results import overview

DEPARTMENT_ROLES = ("handler", "reviewer", "approver", "head")
STAFF_ROLES = ("clerk", "supervisor", *DEPARTMENT_ROLES)


#: the 电子监察 levels a supervisor is shown a theme case at
WATCHED_LEVELS = ("warning", "yellow", "red")


def visible_theme_cases(user, limit: int = 50, levels: tuple[str, ...] | None = None) -> list[ThemeCase]:
    """The theme cases the user may see, newest first: a clerk's centre, a supervisor's region, or a
    department's member items and coordinated themes; ``levels`` keeps the open ones at those levels."""
    query = sa.select(ThemeCase).order_by(ThemeCase.accepted_at.desc()).limit(limit)
    if levels is not None:
        query = query.where(ThemeCase.warning_level.in_(levels), ThemeCase.status.not_in(("finished", "stopped")))
    if user.role == "clerk":
        if user.window is None:
            return []
        query = query.where(ThemeCase.receiving_centre_id == user.window.centre_id)
    elif user.role == "supervisor":
        scope = user_scope(user)
        if scope is not None:
            query = query.where(ThemeCase.receiving_centre.has(ServiceCentre.region.has(
                Region.code.startswith(scope.scope_prefix))))
    else:
        children = (sa.select(ThemeChild.theme_case_id).join(Case, ThemeChild.case_id == Case.id)
                    .join(ServiceItem, Case.item_id == ServiceItem.id)
                    .where(ServiceItem.department_id == user.department_id))
        query = query.where(sa.or_(ThemeCase.id.in_(children), ThemeCase.theme.has(
            coordinator_department_id=user.department_id)))
    return db.session.scalars(query).all()


def visible_theme_case(user, theme_no: str) -> ThemeCase:
    theme_case = db.session.scalars(sa.select(ThemeCase).where(ThemeCase.theme_no == theme_no)).first()
    if theme_case is None:
        raise NotFound(f"一件事办件 {theme_no} 不存在")
    if user.role == "supervisor":  # a district's 电子监察 sees the themes received in its district
        centre = theme_case.receiving_centre
        if centre is None or covers(user_scope(user), centre.region):
            return theme_case
        raise Forbidden("无权查看该一件事办件")
    if user.role == "clerk" and user.window is not None and user.window.centre_id == theme_case.receiving_centre_id:
        return theme_case
    if user.role in DEPARTMENT_ROLES and user.department_id is not None:
        coordinator = theme_case.theme.coordinator_department_id
        departments = {c.case.item.department_id for c in theme_case.children if c.case is not None}
        if user.department_id == coordinator or user.department_id in departments:
            return theme_case
    raise Forbidden("无权查看该一件事办件")


def staff_overview(user, theme_case: ThemeCase) -> dict:
    data = overview(theme_case)
    clerk = user.role == "clerk"
    data["applicant"] = theme_case.applicant_name if clerk else mask_name(
        theme_case.applicant_name, organisation=theme_case.applicant_kind != "person")
    data["query_code"] = theme_case.query_code if clerk else None
    return data
