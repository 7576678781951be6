"""审批人 pages: my ready tasks coloured by remaining working days, and completing a task (通过 / 不予许可 /
退回 with an opinion) through app.tasks.services.complete_task."""
import logging

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from app.tasks.services import DECISION_LABELS, complete_task, tasks_for

from .common import attempt, field_messages, page_blueprint, roles_required, session_user
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
    return render_template("inbox/index.html", rows=rows, counts=counts, today=context.today)


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


def _case_no_of(task_id: str) -> str | None:
    from app.extensions import db
    from app.tasks.models import HumanTask

    task = db.session.get(HumanTask, task_id)
    return task.case.case_no if task is not None else None
