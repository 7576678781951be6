"""The modeler's JSON calls (session + CSRF): process options for the 审批属性 panel, saving drafts, submitting,
approving or rejecting them (four eyes), rollback, diff and dry run. Each write commits once (``attempt``)."""
import logging

from flask import request
from marshmallow import ValidationError

from app.designer import diff as diffing
from app.designer import drafts, migration, options, services, trial
from app.designer import schemas
from app.errors import InvalidInput, ServiceError

from .common import attempt, page_blueprint, roles_required, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_designer_drafts", __name__, url_prefix="/designer")

READERS = ("designer", "supervisor")
REVIEWERS = ("approver", "head", "designer")  # a designer reaching approve gets the four-eyes 403


def _load(schema):
    try:
        return schema.load(request.get_json(silent=True) or {})
    except ValidationError as exc:
        raise InvalidInput("请求数据校验失败", {"json": exc.messages}) from exc


def _refusal(error: ServiceError):
    errors = error.errors or {}
    return {"code": error.status, "status": type(error).__name__, "message": error.message,
            "problems": errors.get("problems", []), "errors": errors}, error.status


def _draft_json(draft, status=200):
    return schemas.ProcessDraftSourceSchema().dump(draft), status


@bp.get("/options.json")
@roles_required(*READERS)
def panel_options():
    return options.panel_options()


@bp.get("/<process_key>/versions/<int:version>.json")
@roles_required(*READERS)
def source_json(process_key, version):
    return schemas.DefinitionSourceSchema().dump(services.definition_source(process_key, version))


@bp.post("/validate.json")
@roles_required("designer")
def validate():
    upload = _load(schemas.BpmnUploadSchema())
    problems = services.validate_upload(upload["bpmn_xml"], upload["file_name"])
    return schemas.ValidationResultSchema().dump({"valid": not problems, "problems": problems})


@bp.get("/<process_key>/draft.json")
@roles_required(*READERS)
def draft_json(process_key):
    draft = drafts.open_draft(process_key)
    if draft is None:
        return {"code": 404, "status": "Not Found", "message": "该流程没有草稿"}, 404
    return _draft_json(draft)


@bp.post("/<process_key>/draft.json")
@roles_required("designer")
def save_draft(process_key):
    payload = _load(schemas.DraftSaveSchema())
    draft, error = attempt(drafts.save_draft, process_key, payload, session_user())
    return _refusal(error) if error else _draft_json(draft)


@bp.get("/drafts/<int:draft_id>.json")
@roles_required("designer", "supervisor", "approver", "head")
def draft_source(draft_id):
    return _draft_json(drafts.get_draft(draft_id))


@bp.post("/drafts/<int:draft_id>/submit.json")
@roles_required("designer")
def submit(draft_id):
    payload = _load(schemas.NoteSchema())
    draft, error = attempt(drafts.submit, draft_id, payload["note"], session_user())
    return _refusal(error) if error else _draft_json(draft)


@bp.post("/drafts/<int:draft_id>/withdraw.json")
@roles_required("designer")
def withdraw(draft_id):
    draft, error = attempt(drafts.withdraw, draft_id, session_user())
    return _refusal(error) if error else _draft_json(draft)


@bp.post("/drafts/<int:draft_id>/approve.json")
@roles_required(*REVIEWERS)
def approve(draft_id):
    payload = _load(schemas.NoteSchema())
    result, error = attempt(drafts.approve, draft_id, payload["note"], session_user())
    if error:
        return _refusal(error)
    draft, deployed = result
    return schemas.ApprovedSchema().dump({"draft": draft, "deployed": deployed}), 201


@bp.post("/drafts/<int:draft_id>/reject.json")
@roles_required(*REVIEWERS)
def reject(draft_id):
    payload = _load(schemas.NoteSchema())
    draft, error = attempt(drafts.reject, draft_id, payload["note"], session_user())
    return _refusal(error) if error else _draft_json(draft)


@bp.post("/<process_key>/versions/<int:version>/rollback.json")
@roles_required("designer")
def rollback(process_key, version):
    draft, error = attempt(drafts.rollback_to, process_key, version, session_user())
    return _refusal(error) if error else _draft_json(draft, 201)


@bp.post("/drafts/<int:draft_id>/dry-run.json")
@roles_required("designer")
def dry_run(draft_id):
    payload = _load(schemas.DryRunRequestSchema())
    draft = drafts.get_draft(draft_id)
    result = trial.run(draft.process_key, draft.file_name, draft.bpmn_xml, payload)
    return schemas.DryRunResultSchema().dump(result)


@bp.get("/<process_key>/diff.json")
@roles_required(*READERS, "approver", "head")
def diff(process_key):
    """``from``/``to``: version numbers; ``to=draft`` compares with the open draft (or ``draft=<id>``)."""
    older = _xml(process_key, request.args.get("from", ""))
    newer = _xml(process_key, request.args.get("to", ""))
    return {**schemas.DiffSchema().dump(diffing.diff(older, newer)), "from_xml": older, "to_xml": newer}


def _xml(process_key, version: str) -> str:
    if version.startswith("draft"):
        draft_id = version.partition(":")[2]
        draft = drafts.get_draft(int(draft_id)) if draft_id.isdigit() else drafts.open_draft(process_key)
        if draft is None or draft.process_key != process_key:
            raise InvalidInput.field("to", "该流程没有草稿")
        return draft.bpmn_xml
    if not version.isdigit():
        raise InvalidInput.field("from", "版本号须为正整数或 draft")
    return services.definition_xml(process_key, int(version))


@bp.get("/<process_key>/migration.json")
@roles_required("designer")
def migration_report(process_key):
    """Dry run of moving running cases: ``from`` and ``to`` versions; which cases can move, why others cannot."""
    older, newer = _versions()
    return migration.report(process_key, older, newer)


@bp.post("/<process_key>/migration.json")
@roles_required("designer")
def migrate(process_key):
    older, newer = _versions()
    result, error = attempt(migration.migrate, process_key, older, newer, session_user())
    return _refusal(error) if error else result


def _versions():
    values = []
    for name in ("from", "to"):
        value = request.args.get(name, "")
        if not value.isdigit():
            raise InvalidInput.field(name, "版本号须为正整数")
        values.append(int(value))
    return values
