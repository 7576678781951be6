"""The shape every admin endpoint shares: schemas, documented errors, bearer security, role admin, and one
commit per write request."""
from app.accounts.auth import BEARER_SECURITY, roles_required
from app.transaction import transactional

ADMIN_ERRORS = ((403, "非管理员，或超出本管理员的管辖区域"), (404, "记录不存在"),
                (409, "代码已存在或状态冲突"), (422, "校验失败，errors 指明字段"))


def admin_routes(blp):
    """``route = admin_routes(blp)``; then ``@route("post", "/x", InSchema, response=OutSchema, status=201)``."""

    def route(method: str, rule: str, arguments=None, location="json", response=None, status=200):
        def decorator(view):
            wrapped = transactional(view) if method != "get" else view
            wrapped = roles_required("admin")(wrapped)
            wrapped = blp.doc(security=BEARER_SECURITY)(wrapped)
            for code, description in ADMIN_ERRORS:
                wrapped = blp.alt_response(code, description=description)(wrapped)
            wrapped = blp.response(status, response)(wrapped) if response is not None else \
                blp.response(status)(wrapped)
            if arguments is not None:
                wrapped = blp.arguments(arguments, location=location)(wrapped)
            return getattr(blp, method)(rule)(wrapped)
        return decorator

    return route
