"""审批人 pages: my ready tasks coloured by remaining working days (filters, colour counts, paging, batch 签收,
export), and completing a task (通过 / 不予许可 / 退回 with an opinion) through app.tasks.services.complete_task.
转办 (a colleague picked from a list), 委派, 加签 and 退回 to a step already done are on the case page
(app/web/case_actions.py), where the engine's own choices are offered; the list only opens the case."""
import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.cases.privacy import sees_full_identity
from app.cases.search import parse_filters
from app.exports.xlsx import xlsx_response
from app.extensions import db
from app.tasks.claiming import MAX_BATCH, claim_many
from app.tasks.inbox import COLOUR_LABELS, PAGE_SIZES, SORT_LABELS, InboxSchema, export_rows, inbox_page
from app.tasks.models import HumanTask
from app.tasks.services import DECISION_LABELS, complete_task

from .common import (
    attempt,
    field_messages,
    page_blueprint,
    roles_required,
    session_user,
)
from .filters import applicant_name_for, local_time
from .forms import DecisionForm
from .urgency import step_urgency, urgency_context

logger = logging.getLogger(__name__)

bp = page_blueprint("web_inbox", __name__, url_prefix="/inbox")

STAFF_ROLES = ("handler", "reviewer", "approver", "head")


@bp.get("")
@roles_required(*STAFF_ROLES)
def index():
    user = session_user()
    filters, problems = parse_filters(request.args, InboxSchema())
    page, counts, choices = inbox_page(user, filters)
    context = urgency_context()
    rows = [(task, step_urgency(task, context, colour)) for task, colour in page.rows]
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("inbox/index.html", rows=rows, page=page, counts=counts, filters=filters,
                           problems=problems, choices=choices, args=args, today=context.today,
                           without_colour={k: v for k, v in args.items() if k != "colour"},
                           colour_labels=COLOUR_LABELS, sort_labels=SORT_LABELS, page_sizes=PAGE_SIZES)


@bp.post("/claim")
@roles_required(*STAFF_ROLES)
def claim_tasks():
    """批量签收: the ticked tasks, all or none (the refused one is named)."""
    user = session_user()
    task_ids = [value[:36] for value in request.form.getlist("task_ids")][:MAX_BATCH]
    back = _back_to_inbox(request.form.get("return_to"))
    if not task_ids:
        flash(_("请先勾选要签收的任务"), "error")
        return redirect(back)
    claimed, error = attempt(claim_many, user, task_ids)
    if error is not None:
        flash(error.message, "error")
        return redirect(back)
    flash(_("已签收 %(n)s 项任务", n=len(claimed)), "success")
    logger.info("%s claimed %d tasks", user.username, len(claimed))
    return redirect(back)


def _back_to_inbox(target: str | None) -> str:
    """The inbox page the form came from (its filters kept); only paths of the inbox itself."""
    if target and target.startswith("/inbox") and "//" not in target and "\\" not in target:
        return target
    return url_for("web_inbox.index")


@bp.get("/export.xlsx")
@roles_required(*STAFF_ROLES)
def export():
    """The inbox under the current filters as an Excel workbook (streamed, personal data masked)."""
    user = session_user()
    filters, _problems = parse_filters(request.args, InboxSchema())
    full = sees_full_identity(user)
    header = [_("办件编号"), _("事项"), _("申请人"), _("环节"), _("到达时间"), _("承诺办结期限"), _("环节时限"),
              _("颜色")]

    def rows():
        for (case_no, item, kind, name, step, subject, arrived, deadline, due_at, colour) in export_rows(user, filters):
            yield (case_no, item, applicant_name_for(name, kind, full), f"{step}（{subject}）" if subject else step,
                   local_time(arrived), deadline, local_time(due_at), _(COLOUR_LABELS.get(colour, colour)))

    return xlsx_response(_("我的待办") + ".xlsx", [(_("我的待办"), header, rows())])


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
    if user.role not in STAFF_ROLES:  # a clerk's 即办件 (当场办结): the case page shows the result
        return redirect(url_for("web_cases.show", case_no=task.case.case_no))
    return redirect(url_for("web_inbox.index"))


def _case_no_of(task_id: str) -> str | None:
    task = db.session.get(HumanTask, task_id)
    return task.case.case_no if task is not None else None
