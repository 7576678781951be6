"""审批人 pages: my ready tasks coloured by remaining working days, and completing a task (通过 / 不予许可 /
退回 with an opinion) through app.tasks.services.complete_task; 转办 and 委派 from the task list through
app.tasks.operations / app.tasks.delegation."""
import logging

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Length, Optional

from app.extensions import db
from app.tasks.delegation import delegate
from app.tasks.models import HumanTask
from app.tasks.operations import return_to_step, transfer
from app.tasks.services import DECISION_LABELS, complete_task, tasks_for

from .common import (
    attempt,
    field_messages,
    page_blueprint,
    roles_required,
    session_user,
)
from .forms import DecisionForm
from .urgency import task_urgency, urgency_context

logger = logging.getLogger(__name__)

bp = page_blueprint("web_inbox", __name__, url_prefix="/inbox")

STAFF_ROLES = ("handler", "reviewer", "approver", "head")


@bp.get("")
@roles_required(*STAFF_ROLES)
def index():
    tasks = tasks_for(session_user())
    context = urgency_context()
    rows = [(task, task_urgency(task.case, context)) for task in tasks]
    counts = {colour: sum(1 for _t, u in rows if u.colour == colour) for colour in ("red", "yellow", "green")}
    return render_template("inbox/index.html", rows=rows, counts=counts, today=context.today,
                           hand_over=HandOverForm(), return_choices=_return_choices(tasks))


def _return_choices(tasks) -> dict[str, list[tuple[str, str]]]:
    """task id → earlier back-office steps of its case (one query for the whole list). The service checks
    each return against the engine and names the allowed steps if one is refused."""
    case_ids = {t.case_id for t in tasks}
    if not case_ids:
        return {}
    done = db.session.execute(
        sa.select(HumanTask.case_id, HumanTask.step_id, HumanTask.name)
        .where(HumanTask.case_id.in_(sorted(case_ids)), HumanTask.state == "completed",
               HumanTask.form_key == "approval")
        .order_by(HumanTask.created_at, HumanTask.id)).all()
    steps: dict[int, dict[str, str]] = {}
    for case_id, step_id, name in done:
        steps.setdefault(case_id, {})[step_id] = name
    return {t.id: [(s, n) for s, n in steps.get(t.case_id, {}).items() if s != t.step_id] for t in tasks}


@bp.post("/tasks/<task_id>/complete")
@roles_required(*STAFF_ROLES, "clerk")  # clerks: 超时退回 tasks of their window; the service checks the task
def complete(task_id):
    user = session_user()
    form = DecisionForm()
    form.validate_on_submit()
    values = {"decision": form.decision.data, "opinion": (form.opinion.data or "").strip() or None}
    task, error = attempt(complete_task, user, task_id, values)
    if error is not None:
        messages = field_messages(error)
        flash("；".join(messages.values()) if messages else error.message, "error")
        case_no = _case_no_of(task_id) if error.status not in (403, 404) else None
        return redirect(url_for("web_cases.show", case_no=case_no) if case_no else url_for("web_inbox.index"))
    flash(_("已办理：%(case_no)s %(step)s —— %(decision)s", case_no=task.case.case_no, step=task.name,
            decision=_(DECISION_LABELS.get(form.decision.data, form.decision.data))), "success")
    logger.info("%s completed task %s (%s)", user.username, task_id, form.decision.data)
    return redirect(url_for("web_inbox.index"))


class HandOverForm(FlaskForm):
    """转办 / 委派: the colleague's user name and an optional note."""

    to_user = StringField(_l("接收人用户名"), validators=[Optional(), Length(max=80)])
    opinion = TextAreaField(_l("说明"), validators=[Optional(), Length(max=2000)])


def _hand_over(action, task_id: str, done_message: str):
    user = session_user()
    form = HandOverForm()
    form.validate_on_submit()
    to_user = (form.to_user.data or "").strip()[:80]
    opinion = (form.opinion.data or "").strip()[:2000] or None
    task, error = attempt(action, user, task_id, to_user, opinion)
    if error is not None:
        messages = field_messages(error)
        flash("；".join(messages.values()) if messages else error.message, "error")
        return redirect(url_for("web_inbox.index"))
    flash(done_message % {"case_no": task.case.case_no, "step": task.name, "user": to_user}, "success")
    logger.info("%s handed task %s to %s (%s)", user.username, task_id, to_user, action.__name__)
    return redirect(url_for("web_inbox.index"))


@bp.post("/tasks/<task_id>/transfer")
@roles_required(*STAFF_ROLES)
def transfer_task(task_id):
    return _hand_over(transfer, task_id, _("已转办：%(case_no)s %(step)s → %(user)s"))


@bp.post("/tasks/<task_id>/delegate")
@roles_required(*STAFF_ROLES)
def delegate_task(task_id):
    return _hand_over(delegate, task_id, _("已委派：%(case_no)s %(step)s → %(user)s"))


@bp.post("/tasks/<task_id>/return")
@roles_required(*STAFF_ROLES)
def return_task(task_id):
    """退回到所选的已办环节（须填写理由）"""
    user = session_user()
    form = ReturnForm()
    form.validate_on_submit()
    to_step = (form.to_step.data or "").strip()[:100]
    task, error = attempt(return_to_step, user, task_id, to_step, (form.opinion.data or "").strip()[:2000])
    if error is not None:
        messages = field_messages(error)
        flash("；".join(messages.values()) if messages else error.message, "error")
        return redirect(url_for("web_inbox.index"))
    flash(_("已退回：%(case_no)s %(step)s", case_no=task.case.case_no, step=task.name), "success")
    logger.info("%s returned task %s to %s", user.username, task_id, to_step)
    return redirect(url_for("web_inbox.index"))


class ReturnForm(FlaskForm):
    to_step = StringField(_l("退回到"), validators=[Optional(), Length(max=100)])
    opinion = TextAreaField(_l("退回理由"), validators=[Optional(), Length(max=2000)])


def _case_no_of(task_id: str) -> str | None:
    from app.extensions import db
    from app.tasks.models import HumanTask

    task = db.session.get(HumanTask, task_id)
    return task.case.case_no if task is not None else None
