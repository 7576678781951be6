"""事项编制 pages: the catalogue's items with their versions; an item version's page shows its materials and
situations and, for a draft, the form-js editor of its application form (saved through a session-authenticated,
CSRF-protected JSON endpoint), submit for review; the review authority of the item's type (rules/item_review.toml: 行政审批局,
司法局 …) approves or rejects it there. Every
change goes through app.catalogue.versions, the same services as the catalogue API."""
import logging

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from marshmallow import ValidationError

from app.catalogue import versions
from app.catalogue.models import ITEM_STATUSES, ServiceItem
from app.catalogue.review import REVIEWER_ROLES, check_review_authority, is_item_reviewer, may_review
from app.catalogue.version_schemas import ItemElementsSchema
from app.errors import Forbidden, InvalidInput
from app.extensions import db

from .common import attempt, error_page, field_messages, page_blueprint, roles_required, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_catalogue", __name__, url_prefix="/designer/items")

READERS = ("designer", "supervisor", *REVIEWER_ROLES)  # approvers and heads: only those of a review authority
EDITORS = ("designer",)


def _newest_versions() -> list[ServiceItem]:
    newest = sa.select(ServiceItem.code, sa.func.max(ServiceItem.version).label("version")) \
        .group_by(ServiceItem.code).subquery()
    return db.session.scalars(sa.select(ServiceItem).join(newest, sa.and_(
        ServiceItem.code == newest.c.code, ServiceItem.version == newest.c.version)).order_by(ServiceItem.code)).all()


def _flash_error(error) -> None:
    messages = field_messages(error)
    flash("；".join(messages.values()) if messages else error.message, "error")


def _back(code, version):
    return redirect(url_for("web_catalogue.version", code=code, version=version))


def _refuse_non_reviewers():
    """Approvers and heads open the catalogue pages only as members of an item-review authority."""
    user = session_user()
    if user.role in REVIEWER_ROLES and not is_item_reviewer(user):
        return error_page(403, _("当前角色无权访问此页面"))
    return None


@bp.get("")
@roles_required(*READERS)
def index():
    refused = _refuse_non_reviewers()
    if refused is not None:
        return refused
    return render_template("catalogue/index.html", items=_newest_versions(), statuses=ITEM_STATUSES)


@bp.post("/<code>/versions")
@roles_required(*EDITORS)
def new_version(code):
    draft, error = attempt(versions.new_draft, code, session_user().username)
    if error is not None:
        _flash_error(error)
        return redirect(url_for("web_catalogue.index"))
    return _back(code, draft.version)


@bp.get("/<code>/versions/<int:version>")
@roles_required(*READERS)
def version(code, version):
    refused = _refuse_non_reviewers()
    if refused is not None:
        return refused
    return _version_page(code, version)


def _may_retire(item, user) -> bool:
    try:
        check_review_authority(item, user, not_own=False)
    except Forbidden:
        return False
    return item.status == "published"


def _version_page(code, version, errors=None, values=None, status=200):
    item = versions.version_of(code, version)
    user = session_user()
    return render_template(
        "catalogue/version.html", item=item, statuses=ITEM_STATUSES, all_versions=versions.versions_of(code),
        can_edit=item.status == "draft" and user.role == "designer",
        can_review=item.status == "in_review" and may_review(item, user), may_retire=_may_retire(item, user),
        edit_fields=EDIT_FIELDS, errors=errors or {}, values=values or {}), status


#: the elements a draft's page edits (the rest, materials included, through the API or a workbook import)
EDIT_FIELDS = ("name", "legal_basis", "acceptance_conditions", "legal_limit", "promised_limit", "result_name",
               "fee_basis")


@bp.post("/<code>/versions/<int:version>/elements")
@roles_required(*EDITORS)
def update_elements(code, version):
    item = versions.version_of(code, version)
    elements = versions.elements_of(item, ItemElementsSchema().fields)
    values = {name: (request.form.get(name) or "").strip() for name in EDIT_FIELDS}
    try:
        data = ItemElementsSchema().load({**elements, **values})
    except ValidationError as exc:
        messages = field_messages(InvalidInput("请求数据校验失败", {"json": exc.messages}))
        return _version_page(code, version, messages, values, 422)
    _item, error = attempt(versions.update_draft, code, version, data, session_user().username)
    if error is not None:
        return _version_page(code, version, field_messages(error) or {"_": error.message}, values, error.status)
    flash(_("已保存事项要素"), "success")
    return _back(code, version)


@bp.post("/<code>/versions/<int:version>/<any('retire-request', 'retire-withdraw', retire):action>")
@roles_required(*REVIEWER_ROLES)
def retire(code, version, action):
    """停用 takes two reviewers of the authority: one asks with a reason, another confirms (app.catalogue.versions)."""
    user = session_user()
    if action == "retire-request":
        reason = (request.form.get("reason") or "").strip()[:500]
        if not reason:
            flash(_("申请停用须说明理由"), "error")
            return _back(code, version)
        _item, error = attempt(versions.request_retire, code, version, user, reason)
        done = _("已申请停用，待另一名审核人确认")
    elif action == "retire-withdraw":
        _item, error = attempt(versions.withdraw_retire_request, code, version, user)
        done = _("已撤回停用申请")
    else:
        _item, error = attempt(versions.retire, code, version, user)
        done = _("已确认停用该版本")
    if error is not None:
        _flash_error(error)
    else:
        flash(done, "success")
    return _back(code, version)


@bp.post("/<code>/versions/<int:version>/form.json")
@roles_required(*EDITORS)
def save_form(code, version):
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("form_schema"), (dict, type(None))):
        return {"code": 422, "status": "Unprocessable Entity", "message": _("请求数据校验失败"),
                "errors": {"json": {"form_schema": [_("须为 form-js 表单定义")]}}}, 422
    item, error = attempt(versions.update_form, code, version, body["form_schema"], session_user().username)
    if error is not None:
        return {"code": error.status, "status": type(error).__name__, "message": error.message,
                "errors": error.errors or {}}, error.status
    return {"saved": True, "version": item.version, "edited_at": item.edited_at.isoformat()}


@bp.post("/<code>/versions/<int:version>/<any(submit, approve, reject):action>")
@roles_required(*(EDITORS + REVIEWER_ROLES))
def decide(code, version, action):
    """Submit (the designer), approve or reject (the review authority: app.catalogue.versions checks it)."""
    user = session_user()
    if action == "submit" and user.role != "designer":
        flash(_("当前角色无权执行此操作"), "error")
        return _back(code, version)
    if action == "reject":
        reason = (request.form.get("reason") or "").strip()[:500]
        if not reason:
            flash(_("退回须说明理由"), "error")
            return _back(code, version)
        _item, error = attempt(versions.reject, code, version, user, reason)
    elif action == "approve":
        _item, error = attempt(versions.approve, code, version, user)
    else:
        _item, error = attempt(versions.submit, code, version, user.username)
    if error is not None:
        _flash_error(error)
    else:
        flash({"submit": _("已提交审核"), "approve": _("已审核通过并发布"), "reject": _("已退回编制人")}[action],
              "success")
    return _back(code, version)
