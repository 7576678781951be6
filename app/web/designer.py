"""流程设计 pages: the process definitions with their versions, and the bpmn-js modeler that saves (validates)
and deploys through session-authenticated JSON endpoints calling ``app.designer.services``.

Why own endpoints rather than the bearer API from the browser: the page session already authenticates the
designer, and keeping an API token out of the page means no long-lived credential readable by scripts; the
JSON endpoints are CSRF-protected (``X-CSRFToken`` header) like every other page write."""
import logging
from itertools import groupby

from flask import render_template, request
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.errors import InvalidInput, ServiceError

from .common import attempt, error_page, page_blueprint, roles_required, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_designer", __name__, url_prefix="/designer")

READERS = ("designer", "supervisor")


def _designer():
    """The designer backend (``app.designer``), or None while it is not part of this build."""
    try:
        from app.designer import schemas, services
    except ImportError as exc:
        logger.warning("designer backend unavailable: %s", exc)
        return None
    return services, schemas


def _unavailable():
    return error_page(503, _("流程设计功能尚未启用"))


def _unavailable_json():
    return {"code": 503, "status": "Service Unavailable", "message": _("流程设计功能尚未启用")}, 503


@bp.get("")
@roles_required(*READERS)
def index():
    backend = _designer()
    if backend is None:
        return render_template("designer/index.html", groups=None)
    services, _schemas = backend
    rows = services.list_definitions()
    groups = [(key, list(versions)) for key, versions in groupby(rows, key=lambda r: r["process_key"])]
    return render_template("designer/index.html", groups=groups)


@bp.get("/<process_key>/versions/<int:version>")
@roles_required(*READERS)
def modeler(process_key, version):
    backend = _designer()
    if backend is None:
        return _unavailable()
    services, _schemas = backend
    source = services.definition_source(process_key, version)
    return render_template("designer/modeler.html", definition=source,
                           can_deploy=session_user().role == "designer")


@bp.get("/<process_key>/versions/<int:version>.json")
@roles_required(*READERS)
def source_json(process_key, version):
    backend = _designer()
    if backend is None:
        return _unavailable_json()
    services, schemas = backend
    return schemas.DefinitionSourceSchema().dump(services.definition_source(process_key, version))


def _upload(schemas):
    try:
        return schemas.BpmnUploadSchema().load(request.get_json(silent=True) or {})
    except ValidationError as exc:
        raise InvalidInput("请求数据校验失败", {"json": exc.messages}) from exc


@bp.post("/validate.json")
@roles_required("designer")
def validate():
    backend = _designer()
    if backend is None:
        return _unavailable_json()
    services, schemas = backend
    upload = _upload(schemas)
    problems = services.validate_upload(upload["bpmn_xml"], upload["file_name"])
    return schemas.ValidationResultSchema().dump({"valid": not problems, "problems": problems})


@bp.post("/deploy.json")
@roles_required("designer")
def deploy():
    backend = _designer()
    if backend is None:
        return _unavailable_json()
    services, schemas = backend
    upload = _upload(schemas)
    deployed, error = attempt(services.deploy_upload, upload["bpmn_xml"], upload["file_name"], session_user())
    if error is not None:
        return _refusal(error)
    return {"deployed": schemas.DeployedSchema(many=True).dump(deployed)}, 201


def _refusal(error: ServiceError):
    errors = error.errors or {}
    return {"code": error.status, "status": type(error).__name__, "message": error.message,
            "problems": errors.get("problems", []), "errors": errors}, error.status
