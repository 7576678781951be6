"""机构管理 pages for administrators: the region tree with each region's centres and departments, a centre
with its windows and staff, a department with its staff. Every write goes through ``app.admin.services``
(same scope checks, validation and audit as /api/v1/admin); errors come back next to their fields."""
import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.admin import schemas, services, staff
from app.admin.services import LEVEL_ORDER
from app.extensions import db
from app.network.models import CENTRE_KINDS, REGION_LEVELS, REVIEW_AUTHORITIES

from .admin_forms import form_values, submit
from .common import page_blueprint, roles_required, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_admin", __name__, url_prefix="/admin")

REGION_FIELDS = ("code", "name", "level", "parent_id")
CENTRE_FIELDS = ("code", "name", "kind", "region_id", "parent_centre_id", "address", "phone", "hours")
DEPARTMENT_FIELDS = ("code", "name", "short_name", "credit_code", "region_id", "review_authority")
WINDOW_FIELDS = ("centre_id", "code", "name", "kind", "sector")


def _labels() -> dict:
    kinds = services.window_kinds()
    return {
        "region_levels": REGION_LEVELS, "centre_kinds": CENTRE_KINDS, "review_authorities": REVIEW_AUTHORITIES,
        "centre_kind_options": [(code, _(label)) for code, label in CENTRE_KINDS.items()],
        "authority_options": [(code, _(label)) for code, label in REVIEW_AUTHORITIES.items()],
        "sector_options": [(s.code, _(s.name)) for s in services.sectors()],
        # data-accepts-all lets the page hide the sector of a 全科窗口 kind (the server ignores it anyway)
        "window_kind_options": [(k.code, _(k.name), {"data-accepts": k.accepts}) for k in kinds],
    }


def _centre_options(centres) -> list[tuple]:
    return [(c.id, f"{c.name}（{c.code}）") for c in centres if c.kind in ("city", "district")]


def _next_level(region) -> str | None:
    index = LEVEL_ORDER.index(region.level) if region is not None else 0
    return LEVEL_ORDER[index + 1] if index + 1 < len(LEVEL_ORDER) else None


# --- the region tree ------------------------------------------------------------------------------------
@bp.get("")
@roles_required("admin")
def index():
    return _index_page()


def _index_page(errors=None, values=None, form=None, status=200):
    admin = session_user()
    tree = services.region_tree(admin)
    posted = str((values or {}).get("_region") or "")
    region_id = request.args.get("region", type=int) or (int(posted) if posted.isdigit() else None) or (
        tree[0]["id"] if tree else None)
    region = services.get_region(admin, region_id) if region_id else None
    centres = db.session.scalars(services.centre_query(admin, region_id=region.id)).all() if region else []
    departments = db.session.scalars(services.department_query(admin, region_id=region.id)).all() if region else []
    parent_centres = _centre_options(db.session.scalars(services.centre_query(admin)))
    return render_template("admin/index.html", tree=tree, region=region, centres=centres, departments=departments,
                           parent_centre_options=parent_centres, next_level=_next_level(region), errors=errors or {},
                           values=values or {}, form=form, **_labels()), status


def _back_to_region(region_id, message):
    flash(message, "success")
    return redirect(url_for("web_admin.index", region=region_id))


@bp.post("/regions")
@roles_required("admin")
def create_region():
    values = form_values(REGION_FIELDS)
    region, errors = submit(schemas.RegionCreateSchema(), values,
                            lambda admin, data: services.create_region(admin, **data), session_user())
    if errors:
        return _index_page(errors, {**values, "_region": values.get("parent_id")}, "region", 422)
    return _back_to_region(region.id, _("已新增区划 %(name)s", name=region.name))


@bp.post("/regions/<int:region_id>")
@roles_required("admin")
def update_region(region_id):
    values = form_values(("name", "active"), update=True)
    region, errors = submit(schemas.RegionUpdateSchema(), values,
                            lambda admin, data: services.update_region(admin, region_id, data), session_user())
    if errors:
        return _index_page(errors, {**values, "_region": region_id}, "region_edit", 422)
    return _back_to_region(region.id, _("已保存区划 %(name)s", name=region.name))


@bp.post("/centres")
@roles_required("admin")
def create_centre():
    values = form_values(CENTRE_FIELDS)
    centre, errors = submit(schemas.CentreCreateSchema(), values, services.create_centre, session_user())
    if errors:
        return _index_page(errors, {**values, "_region": values.get("region_id")}, "centre", 422)
    flash(_("已新增服务中心 %(name)s", name=centre.name), "success")
    return redirect(url_for("web_admin.centre", centre_id=centre.id))


@bp.post("/departments")
@roles_required("admin")
def create_department():
    values = form_values(DEPARTMENT_FIELDS)
    department, errors = submit(schemas.DepartmentCreateSchema(), values, services.create_department, session_user())
    if errors:
        return _index_page(errors, {**values, "_region": values.get("region_id")}, "department", 422)
    flash(_("已新增部门 %(name)s", name=department.name), "success")
    return redirect(url_for("web_admin.department", department_id=department.id))


# --- a centre with its windows and staff ------------------------------------------------------------------
def _centre_page(centre_id, errors=None, values=None, form=None, status=200):
    admin = session_user()
    centre = services.get_centre(admin, centre_id)
    windows = db.session.scalars(services.window_query(admin, centre_id=centre.id)).all()
    people = db.session.scalars(staff.staff_query(admin, centre_id=centre.id)).all()
    parent_centres = _centre_options(c for c in db.session.scalars(services.centre_query(admin)) if c.id != centre.id)
    return render_template("admin/centre.html", centre=centre, windows=windows, people=people,
                           parent_centre_options=parent_centres, errors=errors or {}, values=values or {}, form=form,
                           **_labels()), status


@bp.get("/centres/<int:centre_id>")
@roles_required("admin")
def centre(centre_id):
    return _centre_page(centre_id)


@bp.post("/centres/<int:centre_id>")
@roles_required("admin")
def update_centre(centre_id):
    values = form_values(CENTRE_FIELDS[1:3] + CENTRE_FIELDS[4:], update=True)
    result, errors = submit(schemas.CentreUpdateSchema(), values,
                            lambda admin, data: services.update_centre(admin, centre_id, data), session_user())
    if errors:
        return _centre_page(centre_id, errors, values, "centre", 422)
    flash(_("已保存服务中心 %(name)s", name=result.name), "success")
    return redirect(url_for("web_admin.centre", centre_id=centre_id))


@bp.post("/windows")
@roles_required("admin")
def create_window():
    values = form_values(WINDOW_FIELDS)
    centre_id = request.form.get("centre_id", type=int)
    window, errors = submit(schemas.WindowCreateSchema(), values, services.create_window, session_user())
    if errors:
        return _centre_page(centre_id, errors, values, "window", 422)
    flash(_("已新增窗口 %(name)s", name=window.name), "success")
    return redirect(url_for("web_admin.centre", centre_id=window.centre_id))


@bp.post("/windows/<int:window_id>")
@roles_required("admin")
def update_window(window_id):
    values = form_values(("name", "kind", "sector", "active"), update=True)
    window, errors = submit(schemas.WindowUpdateSchema(), values,
                            lambda admin, data: services.update_window(admin, window_id, data), session_user())
    if errors:
        centre_id = services.get_window(session_user(), window_id).centre_id
        return _centre_page(centre_id, errors, {**values, "_window": window_id}, "window_edit", 422)
    flash(_("已保存窗口 %(name)s", name=window.name), "success")
    return redirect(url_for("web_admin.centre", centre_id=window.centre_id))


# --- a department with its staff -------------------------------------------------------------------------
def _department_page(department_id, errors=None, values=None, status=200):
    admin = session_user()
    department = services.get_department(admin, department_id)
    people = db.session.scalars(staff.staff_query(admin, department_id=department.id)).all()
    return render_template("admin/department.html", department=department, people=people, errors=errors or {},
                           values=values or {}, **_labels()), status


@bp.get("/departments/<int:department_id>")
@roles_required("admin")
def department(department_id):
    return _department_page(department_id)


@bp.post("/departments/<int:department_id>")
@roles_required("admin")
def update_department(department_id):
    values = form_values(("name", "short_name", "credit_code", "review_authority", "consult_phone",
                          "supervision_phone"), update=True)
    result, errors = submit(schemas.DepartmentUpdateSchema(), values,
                            lambda admin, data: services.update_department(admin, department_id, data),
                            session_user())
    if errors:
        return _department_page(department_id, errors, values, 422)
    flash(_("已保存部门 %(name)s", name=result.name), "success")
    return redirect(url_for("web_admin.department", department_id=department_id))
