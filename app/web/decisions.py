"""决策表 pages: the decision tables (rules/*.dmn as versions in the database) and, per version, the dmn-js
editor with a test panel (the server evaluates the table with the engine the processes use), the versions with
who, when and why, submit (the designer), approve or reject (the review authority of rules/decisions.toml,
never the version's own editor) and rollback as a new draft. Every change goes through app.decisions.services,
the same services as the decisions API; JSON endpoints are CSRF-protected (``X-CSRFToken``) like every page
write."""
import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.decisions import contracts, services
from app.decisions.models import DECISION_STATUSES
from app.decisions.schemas import DecisionDraftSchema, DecisionTestResultSchema, DecisionTestSchema
from app.errors import InvalidInput
from app.network.models import REVIEW_AUTHORITIES

from .common import attempt, error_page, field_messages, page_blueprint, roles_required, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_decisions", __name__, url_prefix="/designer/decisions")

EDITORS = ("designer",)
#: approvers and heads: only those of the review authority
READERS = ("designer", "supervisor", *contracts.REVIEWER_ROLES)


def _refused():
    """Approvers and heads open these pages only as members of the decision tables' review authority."""
    user = session_user()
    department = user.department
    if user.role in contracts.REVIEWER_ROLES and (
            department is None or department.review_authority != contracts.review_authority()):
        return error_page(403, _("当前角色无权访问此页面"))
    return None


def _back(key, number):
    return redirect(url_for("web_decisions.version", key=key, number=number))


def _flash_error(error) -> None:
    messages = field_messages(error)
    flash("；".join(messages.values()) if messages else error.message, "error")


def _body(schema):
    try:
        return schema.load(request.get_json(silent=True) or {})
    except ValidationError as exc:
        raise InvalidInput(_("请求数据校验失败"), {"json": exc.messages}) from exc


@bp.get("")
@roles_required(*READERS)
def index():
    return _refused() or render_template("decisions/index.html", decisions=services.decisions(),
                                         statuses=DECISION_STATUSES)


@bp.get("/<key>")
@roles_required(*READERS)
def decision(key):
    versions = services.versions_of(key)
    shown = next((v for v in versions if v.status in services.OPEN), None) \
        or next((v for v in versions if v.status == "deployed"), versions[0])
    return _back(key, shown.number)


def _test_fields(key: str, table) -> list[dict]:
    """The test form: the data the table reads first (labelled by its input column), then the rest of what the
    process offers at the decision (rules/decisions.toml)."""
    offered = contracts.contract_for(key).variables
    labels = {c.expression: c.label for c in table.inputs}
    read = table.variables()
    fields = [{"name": n, "label": labels.get(n) or offered.get(n) or n, "read": True} for n in read]
    fields += [{"name": n, "label": label, "read": False} for n, label in offered.items() if n not in read]
    return fields


@bp.get("/<key>/versions/<int:number>")
@roles_required(*READERS)
def version(key, number):
    refused = _refused()
    if refused is not None:
        return refused
    shown = services.version_of(key, number)
    versions = services.versions_of(key)
    table = services.read_table(shown)
    user = session_user()
    is_editor = user.role in EDITORS
    return render_template(
        "decisions/version.html", version=shown, versions=versions, table=table, statuses=DECISION_STATUSES,
        test_fields=_test_fields(key, table), can_edit=is_editor and shown.status == "draft",
        can_draft=is_editor and not any(v.status in services.OPEN for v in versions),
        can_review=shown.status == "in_review" and contracts.may_review(shown, user),
        authority=REVIEW_AUTHORITIES.get(contracts.review_authority(), ""))


@bp.post("/<key>/versions")
@roles_required(*EDITORS)
def new_draft(key):
    based_on = request.form.get("based_on", type=int)
    draft, error = attempt(services.new_draft, key, session_user().username, based_on)
    if error is not None:
        _flash_error(error)
        return redirect(url_for("web_decisions.decision", key=key))
    flash(_("已从 v%(n)s 新建草稿 v%(m)s", n=draft.based_on, m=draft.number), "success")
    return _back(key, draft.number)


@bp.post("/<key>/versions/<int:number>/save.json")
@roles_required(*EDITORS)
def save(key, number):
    body = _body(DecisionDraftSchema())
    saved, error = attempt(services.update_draft, key, number, body["dmn_xml"], session_user().username)
    if error is not None:
        raise error
    return {"saved": True, "number": saved.number, "edited_at": saved.edited_at.isoformat()}


@bp.post("/<key>/versions/<int:number>/test.json")
@roles_required(*READERS)
def test(key, number):
    body = _body(DecisionTestSchema())
    return DecisionTestResultSchema().dump(services.test(key, number, body["inputs"], body["dmn_xml"]))


@bp.post("/<key>/versions/<int:number>/<any(submit, approve, reject):action>")
@roles_required(*(EDITORS + contracts.REVIEWER_ROLES))
def decide(key, number, action):
    """Submit (the designer), approve or reject (the review authority: app.decisions.contracts checks it)."""
    user = session_user()
    text = (request.form.get("note") or request.form.get("reason") or "").strip()[:500]
    if action == "submit" and user.role not in EDITORS:
        flash(_("当前角色无权执行此操作"), "error")
        return _back(key, number)
    if action in ("submit", "reject") and not text:
        flash(_("请说明修改原因") if action == "submit" else _("退回须说明理由"), "error")
        return _back(key, number)
    if action == "submit":
        _version, error = attempt(services.submit, key, number, user.username, text)
    elif action == "approve":
        _version, error = attempt(services.approve, key, number, user)
    else:
        _version, error = attempt(services.reject, key, number, user, text)
    if error is not None:
        _flash_error(error)
    else:
        flash({"submit": _("已提交审核"), "approve": _("已审核通过并部署"), "reject": _("已退回编制人")}[action],
              "success")
    return _back(key, number)
