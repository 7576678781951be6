"""Bearer-token authentication for the API: ``@login_required`` and ``@roles_required``."""
from functools import wraps

from flask import g, request

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


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        token = _bearer_token()
        user = user_for_token(token) if token else None
        if user is None:
            raise Unauthorized("请先登录：在请求头中提供有效的 Authorization: Bearer <token>")
        g.current_user = user
        return view(*args, **kwargs)

    return wrapper


def roles_required(*roles):
    """Login plus one of the given roles (admins pass every role check)."""

    def decorator(view):
        @wraps(view)
        def checked(*args, **kwargs):
            user = current_user()
            if user.role not in roles and user.role != "admin":
                raise Forbidden("当前角色无权执行此操作")
            return view(*args, **kwargs)

        return login_required(checked)

    return decorator
