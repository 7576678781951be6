"""机构管理 · 工作人员: the paged, searchable staff list; create an account with the role's assignment;
change, deactivate or reset a password. Calls ``app.admin.staff`` like /api/v1/admin/users."""
import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.accounts.models import ROLES
from app.admin import services, staff
from app.admin.paging import paginate
from app.admin.staff import ROLE_ASSIGNMENT
from app.admin.staff_schemas import PasswordResetSchema, StaffCreateSchema, StaffUpdateSchema
from app.extensions import db

from .admin_forms import form_values, submit
from .common import page_blueprint, roles_required, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_admin_staff", __name__, url_prefix="/admin/users")

PER_PAGE = 20
ASSIGNMENT_FIELDS = ("department_id", "window_id", "region_id", "centre_id")


@bp.get("")
@roles_required("admin")
def index():
    admin = session_user()
    q = request.args.get("q", "").strip()[:100]
    role = request.args.get("role") if request.args.get("role") in ROLES else None
    page = max(1, request.args.get("page", 1, type=int))
    result = paginate(staff.staff_query(admin, q, role=role), page, PER_PAGE)
    return render_template("admin/users.html", result=result, q=q, role=role, roles=ROLES)


def _choices(admin) -> dict:
    def named(query):
        return [(r.id, f"{r.name}（{r.code}）") for r in db.session.scalars(query)]

    windows = [(w.id, f"{w.centre.name} · {w.name}（{w.code}）")
               for w in db.session.scalars(services.window_query(admin)) if w.active]
    return {
        "roles": ROLES, "role_assignment": ROLE_ASSIGNMENT, "window_options": windows,
        "department_options": named(services.department_query(admin)),
        "region_options": named(services.region_query(admin)),
        "centre_options": named(services.centre_query(admin)),
    }


def _assignment_values(values: dict) -> dict:
    """Only the assignment the chosen role needs is sent (the form shows one at a time)."""
    needed = ROLE_ASSIGNMENT.get(values.get("role"))
    return {k: v for k, v in values.items() if k not in ASSIGNMENT_FIELDS or k == needed}


def _form_page(user=None, errors=None, values=None, status=200):
    admin = session_user()
    return render_template("admin/user.html", user=user, errors=errors or {}, values=values or {},
                           **_choices(admin)), status


@bp.get("/new")
@roles_required("admin")
def new():
    values = {k: request.args.get(k) for k in ("role", *ASSIGNMENT_FIELDS) if request.args.get(k)}
    return _form_page(values=values)


@bp.post("/new")
@roles_required("admin")
def create():
    values = _assignment_values(form_values(("username", "display_name", "role", "password", *ASSIGNMENT_FIELDS)))
    user, errors = submit(StaffCreateSchema(), values, staff.create_staff, session_user())
    if errors:
        values.pop("password", None)
        return _form_page(errors=errors, values=values, status=422)
    flash(_("已新增工作人员 %(username)s", username=user.username), "success")
    return redirect(url_for("web_admin_staff.edit", user_id=user.id))


@bp.get("/<int:user_id>")
@roles_required("admin")
def edit(user_id):
    return _form_page(user=staff.get_staff(session_user(), user_id))


@bp.post("/<int:user_id>")
@roles_required("admin")
def update(user_id):
    admin = session_user()
    values = _assignment_values(form_values(("display_name", "role", "active", *ASSIGNMENT_FIELDS), update=True))
    for field in ASSIGNMENT_FIELDS:  # the role's own assignment, or none at all
        if field != ROLE_ASSIGNMENT.get(values.get("role")):
            values[field] = None
    user, errors = submit(StaffUpdateSchema(), values,
                          lambda actor, data: staff.update_staff(actor, user_id, data), admin)
    if errors:
        return _form_page(user=staff.get_staff(admin, user_id), errors=errors, values=values, status=422)
    flash(_("已保存工作人员 %(username)s", username=user.username), "success")
    return redirect(url_for("web_admin_staff.edit", user_id=user_id))


@bp.post("/<int:user_id>/password")
@roles_required("admin")
def reset_password(user_id):
    admin = session_user()
    values = form_values(("password",))
    user, errors = submit(PasswordResetSchema(), values,
                          lambda actor, data: staff.reset_password(actor, user_id, data["password"]), admin)
    if errors:
        return _form_page(user=staff.get_staff(admin, user_id), errors={f"reset.{k}": v for k, v in errors.items()},
                          status=422)
    flash(_("已重置 %(username)s 的密码", username=user.username), "success")
    return redirect(url_for("web_admin_staff.edit", user_id=user_id))
