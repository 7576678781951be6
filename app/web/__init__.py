"""Server-rendered pages for the people who use the system (window clerks, approvers, supervisors,
designers), zh-CN first with English via Flask-Babel. Session login; CSRF on every non-API write.

The pages call the same services as the API (``app.cases``, ``app.tasks``, ``app.catalogue``,
``app.supervision``, ``app.designer``); nothing here decides a business rule.
"""
import logging

from flask import Flask, current_app, request, send_from_directory, session
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

logger = logging.getLogger(__name__)

LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT_LOCALE = "zh_CN"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

babel = Babel()
csrf = CSRFProtect()


def select_locale() -> str:
    chosen = session.get("lang")
    return chosen if chosen in LANGUAGES else DEFAULT_LOCALE


def init_web(app: Flask) -> None:
    """Babel, CSRF and the page blueprints. CSRF is enforced for every unsafe request outside ``/api/``:
    the API authenticates with bearer tokens (no ambient cookie credentials), so it is exempt as a whole,
    including API blueprints added later."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", app.config.get("TIMEZONE", "Asia/Shanghai"))
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # checked below, for the pages only
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # valid for the session: clerks keep forms open
    babel.init_app(app, locale_selector=select_locale, timezone_selector=lambda: app.config["TIMEZONE"])
    csrf.init_app(app)

    @app.before_request
    def _csrf_for_pages():
        if request.method not in SAFE_METHODS and not request.path.startswith("/api/"):
            view = app.view_functions.get(request.endpoint)
            if not getattr(view, "streamed_upload", False):  # those check the header before streaming
                csrf.protect()

    from . import (
        admin, admin_audit, admin_staff, applications, auth, case_actions, cases, catalogue, catalogue_workbook,
        decisions, designer, designer_drafts, feedback, files, filters, guide, handovers, inbox, licences,
        notifications, postal, projects, ratings, supervision, supervision_exports, window, window_lists,
    )

    for module in (auth, cases, case_actions, window, window_lists, inbox, supervision, supervision_exports,
                   designer, designer_drafts, guide, handovers, applications, catalogue, catalogue_workbook,
                   decisions, files, admin, admin_staff, admin_audit, projects, feedback, notifications, licences,
                   postal, ratings):
        app.register_blueprint(module.bp)
    filters.register(app)
    notifications.register(app)
    app.add_url_rule("/favicon.ico", "favicon", _favicon)  # browsers ask for it at the root, linked or not
    logger.debug("web pages registered")


def _favicon():
    return send_from_directory(current_app.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon",
                               max_age=86400)
