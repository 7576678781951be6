"""Bearer-token authentication for the API: ``@login_required`` and ``@roles_required``.

The decorators mark the view; :func:`check_access` (a before_request hook) enforces the marks before
flask-smorest parses the body, so a caller without access gets 401/403 — never a 422 that would reveal
the shape of an endpoint it may not use. The decorators check again themselves (defence in depth).
"""
from functools import wraps

from flask import current_app, g, request

from app.errors import Forbidden, Unauthorized

from .services import user_for_token

BEARER_SECURITY = [{"bearerAuth": []}]


def current_user():
    return g.get("current_user")


def _bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def _authenticated_user():
    user = g.get("current_user")
    if user is None:
        token = _bearer_token()
        user = user_for_token(token) if token else None
        if user is None:
            raise Unauthorized("请先登录：在请求头中提供有效的 Authorization: Bearer <token>")
        g.current_user = user
    return user


def _require_role(user, roles):
    if roles and user.role not in roles:
        raise Forbidden("当前角色无权执行此操作")


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        _authenticated_user()
        return view(*args, **kwargs)

    wrapper.requires_login = True
    return wrapper


def roles_required(*roles):
    """Login plus one of the given roles. Nobody passes a role check by being an administrator: the IT role
    is listed where it works (the network, accounts, calendar) and never decides cases."""

    def decorator(view):
        @wraps(view)
        def checked(*args, **kwargs):
            _require_role(current_user(), roles)
            return view(*args, **kwargs)

        checked.required_roles = roles
        guarded = login_required(checked)
        guarded.required_roles = roles
        return guarded

    return decorator


def check_access():
    """before_request: enforce the view's login/role marks before its arguments are parsed."""
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    if view is None or not getattr(view, "requires_login", False):
        return None
    user = _authenticated_user()
    _require_role(user, getattr(view, "required_roles", None))
    return None
