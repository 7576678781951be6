"""Shared pieces of the pages: the session user, role checks, HTML error pages and running a service call
inside the project's one-commit-per-request transaction."""
import logging
from functools import wraps

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import validate_csrf
from wtforms.validators import ValidationError
from werkzeug.exceptions import HTTPException

from app.accounts.models import User
from app.errors import DEFAULT_MESSAGES, ServiceError
from app.extensions import db
from app.security.sessions import session_principal
from app.transaction import transactional
from app.workflow import ProcessError, UnknownProcess

logger = logging.getLogger(__name__)

#: where each role starts its day
HOME_PAGES = {
    "clerk": "web_window.index",
    "agent": "web_projects.index",
    "handler": "web_inbox.index",
    "reviewer": "web_inbox.index",
    "approver": "web_inbox.index",
    "head": "web_inbox.index",
    "supervisor": "web_supervision.index",
    "designer": "web_designer.index",
    "admin": "web_admin.index",  # 机构管理: the IT role manages the network and accounts
}


def session_user():
    """The logged-in user of this browser session (also exposed as ``g.current_user``, like the API)."""
    if "current_user" in g:
        return g.current_user
    user_id = session_principal("staff")
    user = db.session.get(User, user_id) if user_id else None
    if user is not None and not user.active:
        user = None
    g.current_user = user
    return user


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if session_user() is None:
            if request.accept_mimetypes.best == "application/json" or request.path.endswith(".json"):
                return {"code": 401, "status": "Unauthorized", "message": _("请先登录")}, 401
            return redirect(url_for("web_auth.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapper


def roles_required(*roles):
    """Login plus one of ``roles`` (as in the API, an administrator passes only where listed)."""

    def decorator(view):
        @wraps(view)
        def checked(*args, **kwargs):
            user = session_user()
            if user.role not in roles:
                logger.info("page %s refused to %s (%s)", request.path, user.username, user.role)
                return error_page(403, _("当前角色无权访问此页面"))
            return view(*args, **kwargs)

        return login_required(checked)

    return decorator


def streamed_upload(view):
    """A page endpoint that streams a multipart body itself (app.files.upload): the CSRF token must come in
    the ``X-CSRFToken`` header and is checked before a byte of the body is read, since reading the form for
    the token would consume the stream. The app-wide page CSRF check skips views marked so (init_web)."""

    @wraps(view)
    def checked(*args, **kwargs):
        try:
            validate_csrf(request.headers.get("X-CSRFToken"))
        except ValidationError:
            logger.info("upload %s refused: CSRF token missing or invalid", request.path)
            return {"code": 400, "status": "Bad Request", "message": _("页面已过期，请刷新后重试")}, 400
        return view(*args, **kwargs)

    checked.streamed_upload = True
    return checked


def home_endpoint(user) -> str:
    return HOME_PAGES.get(user.role, "web_cases.index")


def error_page(status: int, message: str | None = None):
    return render_template("error.html", status=status,
                           message=message or _(DEFAULT_MESSAGES.get(status, "错误"))), status


def page_blueprint(name: str, import_name: str, **kwargs) -> Blueprint:
    """A blueprint whose errors are HTML pages (the app-wide handlers answer JSON for the API);
    JSON endpoints of the pages (``*.json``) keep the API's error shape."""
    bp = Blueprint(name, import_name, **kwargs)

    def wants_json() -> bool:
        return request.path.endswith(".json") or request.is_json

    @bp.errorhandler(ServiceError)
    def _service_error(error: ServiceError):
        if wants_json():
            from app.errors import error_payload
            payload = error_payload(error.status, type(error).__name__, error.message, error.errors)
            return payload, error.status
        return error_page(error.status, error.message)

    @bp.errorhandler(ProcessError)
    @bp.errorhandler(UnknownProcess)
    def _process_error(error):
        logger.warning("process error on page %s: %s", request.path, error)
        if wants_json():
            return {"code": 409, "status": "Conflict", "message": str(error)}, 409
        return error_page(409, _("流程无法继续：%(error)s", error=str(error)))

    @bp.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        message = error.description if error.code == 400 else None
        if wants_json():
            return {"code": error.code, "status": error.name, "message": message or error.name}, error.code
        return error_page(error.code, message)

    return bp


def attempt(action, *args, **kwargs):
    """Run a service call in its own transaction (commit once, roll back on error, 409 on a concurrent
    update). Returns ``(result, None)`` or ``(None, ServiceError)`` so a form can be shown again."""
    try:
        return transactional(action)(*args, **kwargs), None
    except ServiceError as error:
        logger.info("%s refused: %s", getattr(action, "__name__", action), error.message)
        return None, error


def field_messages(error: ServiceError) -> dict[str, str]:
    """Flatten ``{"json": {"applicant": {"id_number": ["…"]}}}`` to ``{"applicant.id_number": "…"}``."""
    flat: dict[str, str] = {}

    def walk(prefix, node):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(f"{prefix}.{key}" if prefix else str(key), value)
        elif isinstance(node, list) and node and all(isinstance(m, str) for m in node):
            flat[prefix] = "；".join(node)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(f"{prefix}.{index}", value)
        else:
            flat[prefix] = str(node)

    errors = error.errors or {}
    walk("", errors.get("json", errors))
    return flat
