"""The workbench of theme definitions (/theme-desk/definitions): the designer opens a theme version, makes a new
draft, edits its elements (members, conditions, dependencies, form mapping, the one material list — as JSON, checked
by the same services as the API), saves and submits it; the review authority (行政审批局) approves or rejects it on
the same page. No visual editor yet."""
import json
import logging

import sqlalchemy as sa
from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.catalogue.review import REVIEWER_ROLES, may_review
from app.extensions import db
from app.web.common import attempt, field_messages, page_blueprint, roles_required, session_user

from . import definitions
from .models import THEME_STATUSES, Theme
from .schemas import ThemeElementsSchema

logger = logging.getLogger(__name__)

bp = page_blueprint("web_theme_definitions", __name__, url_prefix="/theme-desk/definitions")
READERS = ("designer", "supervisor", *REVIEWER_ROLES)


def _page(theme, text=None, problems=None, status=200):
    user = session_user()
    return render_template(
        "themes/definition.html", theme=theme, statuses=THEME_STATUSES, problems=problems or {},
        text=text if text is not None else json.dumps(definitions.elements_of(theme), ensure_ascii=False, indent=1),
        versions=definitions.versions_of(theme.code), editable=user.role == "designer" and theme.status == "draft",
        may_review=theme.status == "in_review" and may_review(theme, user)), status


@bp.get("")
@roles_required(*READERS)
def index():
    newest = sa.select(Theme.code, sa.func.max(Theme.version).label("version")).group_by(Theme.code).subquery()
    themes = db.session.scalars(sa.select(Theme).join(newest, sa.and_(
        Theme.code == newest.c.code, Theme.version == newest.c.version)).order_by(Theme.code)).all()
    return render_template("themes/definitions.html", themes=themes, statuses=THEME_STATUSES)


@bp.get("/<code>/<int:version>")
@roles_required(*READERS)
def show(code, version):
    return _page(definitions.version_of(code, version))


@bp.post("/<code>/<int:version>")
@roles_required(*READERS)
def act(code, version):
    user = session_user()
    action = request.form.get("action")
    if action == "new_draft" and user.role == "designer":
        draft, error = attempt(definitions.new_draft, code, user.username)
        if error is None:
            return redirect(url_for(".show", code=code, version=draft.version))
    elif action == "save" and user.role == "designer":
        text = request.form.get("elements") or ""
        try:
            elements = ThemeElementsSchema().load(json.loads(text))
        except (ValueError, ValidationError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else {"elements": [str(exc)]}
            return _page(definitions.version_of(code, version), text, {"": json.dumps(messages, ensure_ascii=False)},
                         422)
        _saved, error = attempt(definitions.update_draft, code, version, elements, user.username)
        if error is not None:
            return _page(definitions.version_of(code, version), text,
                         {"": error.message, **field_messages(error)}, error.status)
    elif action == "submit" and user.role == "designer":
        _submitted, error = attempt(definitions.submit, code, version, user.username)
    elif action == "approve":
        _approved, error = attempt(definitions.approve, code, version, user, request.form.get("reason") or None)
    elif action == "reject":
        _rejected, error = attempt(definitions.reject, code, version, user, request.form.get("reason") or "—")
    else:
        return _page(definitions.version_of(code, version), problems={"": _("当前角色不能执行此操作")}, status=403)
    if error is not None:
        return _page(definitions.version_of(code, version), problems={"": error.message}, status=error.status)
    return redirect(url_for(".show", code=code, version=version))
