"""咨询投诉 pages for the staff who handle them: the list (filters: type, state, colour of the limit) and the
record page with the action of the step waiting for the user — 受理/转办 and 回访 for the centre's desk
(电子监察), 答复拟稿 for the department's handler, 答复签发 for its approver or head. Everything is decided by
``app.feedback.handling``; a refused action shows the page again with the message next to its field."""
import logging

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.applicants.identity import mask_person_name
from app.errors import InvalidInput, NotFound
from app.extensions import db
from app.feedback import handling
from app.feedback.models import KINDS, STATES
from app.feedback.submission import subject_label
from app.feedback.timing import time_status
from app.network.models import Department

from .common import attempt, error_page, field_messages, page_blueprint, roles_required, session_user
from .feedback_labels import (
    ACTION_LABELS, COLOUR_LABELS, GRADE_LABELS, KIND_LABELS, STATE_LABELS, STEP_LABELS, SUBJECT_LABELS,
)

logger = logging.getLogger(__name__)

bp = page_blueprint("web_feedback", __name__, url_prefix="/feedback-desk")

HANDLING_ROLES = ("supervisor", "handler", "reviewer", "approver", "head")
URL_STEPS = {"accept": "accept", "draft": "draft", "sign-off": "sign_off", "visit": "visit"}


@bp.app_template_filter("mask_person")
def mask_person(name):
    return mask_person_name(name)


@bp.app_template_global()
def feedback_watch(user, limit: int = 20):
    """Records of the user's scope whose limit is near or past (电子监察 on the supervision page)."""
    if user is None or user.role != "supervisor":
        return []
    rows = [(r, time_status(r)) for r in handling.records_for(user, limit=500)]
    return [(r, t) for r, t in rows if t["colour"] in ("yellow", "red")][:limit]


@bp.app_template_global("feedback_labels")
def _labels() -> dict:
    return {"kinds": KIND_LABELS, "states": STATE_LABELS, "steps": STEP_LABELS, "actions": ACTION_LABELS,
            "colours": COLOUR_LABELS, "grades": GRADE_LABELS, "subjects": SUBJECT_LABELS,
            "subject_label": subject_label, "time_status": time_status}


@bp.get("")
@roles_required(*HANDLING_ROLES)
def index():
    filters = {name: request.args.get(name) or None for name in ("kind", "state", "colour")}
    filters = {k: v for k, v in filters.items() if v in {"kind": KINDS, "state": STATES,
                                                        "colour": COLOUR_LABELS}[k]}
    records = handling.records_for(session_user(), **filters)
    return render_template("feedback/index.html", records=records, filters=filters, **_labels())


def _suggested_department(record):
    if record.department is not None:
        return record.department.code
    subject = record.subject_department or (record.item.department if record.item is not None else None)
    return subject.code if subject is not None else ""


def _record_page(number, errors=None, form=None, status=200):
    user = session_user()
    try:
        record = handling.record_for(user, number)
    except NotFound as error:
        return error_page(404, error.message)
    departments = db.session.scalars(sa.select(Department).order_by(Department.code)).all()
    return render_template("feedback/record.html", record=record, may_act=handling.may_act(user, record),
                           departments=departments, suggested=_suggested_department(record),
                           errors=errors or {}, form=form or {}, **_labels()), status


@bp.get("/<number>")
@roles_required(*HANDLING_ROLES)
def show(number):
    return _record_page(number)


@bp.post("/<number>/<step>")
@roles_required(*HANDLING_ROLES)
def act(number, step):
    if step not in URL_STEPS:
        return error_page(404)
    form = {name: (request.form.get(name) or "").strip()[:4000]
            for name in ("decision", "department", "opinion", "answer", "note")}
    form["publishable"] = request.form.get("publishable") == "1"
    satisfaction = request.form.get("satisfaction") or ""
    form["satisfaction"] = int(satisfaction) if satisfaction.isdigit() else None
    if URL_STEPS[step] == "visit":
        form["decision"] = "close"
    record, error = attempt(handling.act, session_user(), number, URL_STEPS[step], form)
    if error is not None:
        messages = field_messages(error) if isinstance(error, InvalidInput) else {"_": error.message}
        return _record_page(number, messages, form, error.status)
    flash(_("%(number)s：%(state)s", number=record.number, state=STATE_LABELS[record.state]), "success")
    return redirect(url_for("web_feedback.show", number=number))
