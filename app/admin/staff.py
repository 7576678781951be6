"""Staff accounts: create with a role and the assignment the role needs, change, deactivate, reset the
password. Passwords are hashed as app.accounts does; deactivation and a reset revoke the user's tokens.
Personal data (names) never goes to the log: only user ids. Flushes, never commits."""
import logging

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from app.accounts.models import DEPARTMENT_ROLES, ApiToken, User
from app.accounts.services import hash_password
from app.database import utcnow
from app.errors import Conflict, InvalidInput, NotFound
from app.extensions import db
from app.network.models import Department, Region, ServiceCentre, Window
from app.security.sessions import revoke_sessions_of

from . import audit
from .paging import search
from .scope import require_code, scope_prefix

logger = logging.getLogger(__name__)

#: which assignment each role needs (the others must stay empty)
ROLE_ASSIGNMENT = {role: "department_id" for role in DEPARTMENT_ROLES}
ROLE_ASSIGNMENT.update({"clerk": "window_id", "agent": "centre_id", "supervisor": "region_id",
                        "designer": "region_id", "admin": "region_id"})
ASSIGNMENTS = {"department_id": Department, "window_id": Window, "region_id": Region, "centre_id": ServiceCentre}
ASSIGNMENT_LABELS = {"department_id": "所属部门", "window_id": "所在窗口", "region_id": "管辖区域",
                     "centre_id": "所在服务站"}


def _scope_code():
    """SQL: the code of a user's scope region (users.region, else department's, else window or agent centre's)."""
    own, dept_region, window_region, centre_region = (aliased(Region) for _ in range(4))
    dept, window, window_centre, agent_centre = aliased(Department), aliased(Window), aliased(ServiceCentre), \
        aliased(ServiceCentre)
    joins = [(own, User.region_id == own.id), (dept, User.department_id == dept.id),
             (dept_region, dept.region_id == dept_region.id), (window, User.window_id == window.id),
             (window_centre, window.centre_id == window_centre.id),
             (window_region, window_centre.region_id == window_region.id),
             (agent_centre, User.centre_id == agent_centre.id),
             (centre_region, agent_centre.region_id == centre_region.id)]
    code = sa.func.coalesce(own.code, dept_region.code, window_region.code, centre_region.code)
    return joins, code, window


def staff_query(admin, q="", role=None, department_id=None, window_id=None, centre_id=None, active=None):
    joins, code, window = _scope_code()
    query = sa.select(User)
    for target, on in joins:
        query = query.outerjoin(target, on)
    prefix = scope_prefix(admin)
    if prefix is not None:
        query = query.where(code.like(f"{prefix}%"))
    if role:
        query = query.where(User.role == role)
    if department_id is not None:
        query = query.where(User.department_id == department_id)
    if window_id is not None:
        query = query.where(User.window_id == window_id)
    if centre_id is not None:
        query = query.where(sa.or_(window.centre_id == centre_id, User.centre_id == centre_id))
    if active is not None:
        query = query.where(User.active.is_(active))
    return search(query.order_by(User.username), q, User.username, User.display_name)


def get_staff(admin, user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("用户不存在")
    require_code(admin, user.scope_region.code if user.scope_region else None)
    return user


def _assign(admin, user: User, values: dict) -> None:
    """Set the role's assignment from ``values`` (ids), clear the others, and check the scope."""
    needed = ROLE_ASSIGNMENT[user.role]
    for field, model in ASSIGNMENTS.items():
        if field != needed:
            if values.get(field) is not None:
                raise InvalidInput.field(field, f"该角色不需要{ASSIGNMENT_LABELS[field]}")
            setattr(user, field.removesuffix("_id"), None)
            continue
        key = values.get(field)
        record = db.session.get(model, key) if key is not None else None
        if record is None:
            raise InvalidInput.field(field, f"请选择{ASSIGNMENT_LABELS[field]}" if key is None else "不存在")
        setattr(user, field.removesuffix("_id"), record)
    if user.role == "clerk" and not user.window.active:
        raise InvalidInput.field("window_id", "该窗口已停用")
    region = user.scope_region
    if region is not None and not region.active:
        raise InvalidInput.field(needed, "所在区划已停用")
    require_code(admin, region.code if region else None)


def _revoke_tokens(user: User) -> None:
    """End every way the user is logged in: API tokens and browser sessions."""
    db.session.execute(sa.update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                       .values(revoked_at=utcnow()))
    revoke_sessions_of("staff", user.id)


def create_staff(admin, data: dict) -> User:
    if db.session.scalars(sa.select(User).where(User.username == data["username"])).first() is not None:
        raise Conflict(f"用户名 {data['username']} 已存在", {"json": {"username": ["已存在"]}})
    user = User(username=data["username"], display_name=data["display_name"], role=data["role"],
                password_hash=hash_password(data["password"]), active=data.get("active", True))
    _assign(admin, user, data)
    db.session.add(user)
    db.session.flush()
    audit.record(admin, "create", "user", user.username, user.scope_region.code if user.scope_region else None,
                 None, audit.snapshot(user))
    return user


def update_staff(admin, user_id: int, changes: dict) -> User:
    user = get_staff(admin, user_id)
    before = audit.snapshot(user)
    if changes.get("active") is False and user.id == admin.id:
        raise InvalidInput.field("active", "不能停用自己的账号")
    if "display_name" in changes:
        user.display_name = changes["display_name"]
    if "active" in changes:
        user.active = changes["active"]
    assignment_keys = {"role", *ASSIGNMENTS}
    if assignment_keys & changes.keys():
        user.role = changes.get("role", user.role)
        current = {field: getattr(user, field) for field in ASSIGNMENTS}
        given = {k: v for k, v in changes.items() if k in ASSIGNMENTS}
        if "role" in changes:  # a new role: only its own assignment carries over
            needed = ROLE_ASSIGNMENT[user.role]
            current = {needed: current[needed]} if needed not in given else {}
        _assign(admin, user, {**current, **given})
    if not user.active:
        _revoke_tokens(user)
    db.session.flush()
    audit.record(admin, "update", "user", user.username, user.scope_region.code if user.scope_region else None,
                 before, audit.snapshot(user))
    return user


def reset_password(admin, user_id: int, password: str) -> User:
    user = get_staff(admin, user_id)
    user.password_hash = hash_password(password)
    _revoke_tokens(user)
    db.session.flush()
    audit.record(admin, "reset_password", "user", user.username,
                 user.scope_region.code if user.scope_region else None, None, {"password_reset": True})
    return user
