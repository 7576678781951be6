"""一窗通办 — application factory: config → extensions → blueprints → errors → CLI."""
import logging
import os

from flask import Flask

from .config import load_config

logger = logging.getLogger(__name__)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(load_config(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    _init_security(app)
    _init_extensions(app)
    _register_blueprints(app)
    _register_pages(app)
    _init_exchange(app)
    _guard_input(app)
    _register_errors(app)
    _register_cli(app)
    _init_scheduler(app)
    return app


def _init_security(app: Flask) -> None:
    """Secret key, session cookie, security headers, trusted proxies (app/security)."""
    from .security.setup import init_security

    init_security(app)


def _guard_input(app: Flask) -> None:
    """After the access checks: hostile strings and nesting are refused before any view parses them."""
    from .security.input_guard import init_input_guard

    init_input_guard(app)


def _init_extensions(app: Flask) -> None:
    from app import models  # noqa: F401  (registers every model on the metadata)
    from app.database import configure_sqlite

    from .extensions import api, db, migrate
    from .openapi_links import LinksPlugin

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(app.root_path), "migrations"),
                     render_as_batch=True, compare_type=True)
    api.init_app(app, spec_kwargs={"info": {"description": "政务服务中心一窗受理、集成服务审批系统"},
                                   "extra_plugins": [LinksPlugin()]})
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    with app.app_context():
        configure_sqlite(db.engine)


def _register_blueprints(app: Flask) -> None:
    from .accounts.views import blp as auth_blp
    from .admin.staff_views import blp as admin_staff_blp
    from .admin.views import blp as admin_blp
    from .calendar.views import blp as calendar_blp
    from .cases.control_views import blp as case_control_blp
    from .cases.public_views import blp as case_applicant_blp
    from .cases.views import blp as cases_blp
    from .catalogue.guide_views import blp as guide_blp
    from .catalogue.version_views import blp as catalogue_blp
    from .catalogue.views import blp as items_blp
    from .clock.views import blp as clock_blp
    from .decisions.views import blp as decisions_blp
    from .designer.views import blp as designer_blp
    from .documents.views import blp as documents_blp
    from .forms.views import blp as forms_blp
    from .extensions import api
    from .feedback.views import blp as feedback_blp
    from .files.views import blp as files_blp
    from .licences.views import blp as licences_blp
    from .network.views import blp as network_blp
    from .catalogue.window_views import blp as window_items_blp
    from .notifications.views import blp as notifications_blp
    from .paperwork.views import blp as notices_blp
    from .handover.views import blp as handovers_blp
    from .applications.views import blp as applications_blp
    from .progress.views import blp as progress_blp
    from .ratings.views import blp as ratings_blp
    from .supervision.views import blp as supervision_blp
    from .tasks.views import blp as tasks_blp
    from .themes.views import blp as themes_blp

    api.register_blueprint(case_control_blp)  # 催办、挂起 / 激活、终止 (approval operations)
    api.register_blueprint(case_applicant_blp)  # 撤件 by the applicant (public)
    for blueprint in (auth_blp, items_blp, cases_blp, tasks_blp, notifications_blp,
                      calendar_blp, clock_blp, supervision_blp, designer_blp, notices_blp, handovers_blp, applications_blp,
                      catalogue_blp, guide_blp, window_items_blp):
        api.register_blueprint(blueprint)
    for blueprint in (licences_blp, progress_blp, ratings_blp, documents_blp, files_blp, forms_blp, network_blp,
                      feedback_blp):
        # e-licences, public, 好差评, 文书, 电子材料, 一表申请, 代办 and projects, 咨询投诉
        api.register_blueprint(blueprint)
    for blueprint in (admin_blp, admin_staff_blp):  # 机构管理
        api.register_blueprint(blueprint)
    api.register_blueprint(decisions_blp)  # 决策表 (DMN versions, test, review)
    api.register_blueprint(themes_blp)  # 一件事一次办

    from .accounts.auth import check_access

    app.before_request(check_access)


def _register_errors(app: Flask) -> None:
    from .errors import error_payload, register_error_handlers
    from .workflow import ProcessError, UnknownProcess

    register_error_handlers(app)

    @app.errorhandler(ProcessError)
    def _process_error(error: ProcessError):
        logger.warning("process error at %s: %s", error.step, error)
        return error_payload(409, "Conflict", f"流程无法继续（环节：{error.step or '未知'}）：{error}",
                             {"process": {"step": error.step, "error_type": error.error_type}}), 409

    @app.errorhandler(UnknownProcess)
    def _unknown_process(error: UnknownProcess):
        return error_payload(409, "Conflict", str(error)), 409


def _register_cli(app: Flask) -> None:
    from .cli import register_commands

    register_commands(app)


def _init_scheduler(app: Flask) -> None:
    """SCHEDULER_IN_PROCESS=1 runs the scheduler inside the web process (demo); see app/scheduler/jobs.py."""
    from .scheduler.jobs import init_app

    app.config.setdefault("SCHEDULER_IN_PROCESS", os.environ.get("SCHEDULER_IN_PROCESS", "") in ("1", "true", "yes"))
    init_app(app)


def _init_exchange(app: Flask) -> None:
    """互联互通: the outbox, its API and admin page, ``flask exchange`` (see app/exchange/setup.py)."""
    from .exchange.setup import init_exchange

    init_exchange(app)


def _register_pages(app: Flask) -> None:
    """The web pages (session login, Babel, CSRF for every non-API form); see app/web/__init__.py."""
    from .portal.pages import init_portal
    from .web import init_web

    from .themes.definition_pages import bp as theme_definition_pages
    from .themes.pages import bp as themes_pages

    init_web(app)
    init_portal(app)
    app.register_blueprint(themes_pages)  # 一件事 staff pages
    app.register_blueprint(theme_definition_pages)
