"""The case page every member of staff who may see the case can open (applicant, materials, history, the
BPMN diagram with the current step highlighted, and the viewer's own tasks on it), and its diagram JSON."""
import logging

from flask import render_template, request
from flask_babel import gettext as _

from app.cases import queries, search
from app.clock.models import EXTENSION_REQUEST_STATES, PAUSE_KINDS
from app.clock.pauses import CLOCK_STATES, case_pauses
from app.supervision.rules import LEVEL_LABELS
from app.tasks import services as task_services
from app.tasks.services import tasks_for

from .case_panel import case_panel
from .files import attach_choices, can_attach, case_documents, material_rows
from .common import login_required, page_blueprint, session_user
from .exports import case_list_export
from .forms import DecisionForm
from .urgency import task_urgency, urgency_context

logger = logging.getLogger(__name__)

bp = page_blueprint("web_cases", __name__, url_prefix="/cases")


@bp.get("")
@login_required
def index():
    """办件查询: search, sort and page the cases the user may see (a constant number of statements)."""
    user = session_user()
    filters, problems = search.parse_filters(request.args)
    page = search.case_page(user, filters)
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("cases/index.html", page=page, filters=filters, problems=problems, args=args,
                           choices=search.filter_choices(user), sort_labels=search.SORT_LABELS,
                           page_sizes=search.PAGE_SIZES, level_labels=LEVEL_LABELS)


@bp.get("/export.xlsx")
@login_required
def export():
    """办件查询 under the current filters as an Excel workbook (streamed; personal data masked as on the page)."""
    user = session_user()
    filters, _problems = search.parse_filters(request.args)
    return case_list_export(_("办件查询"), search.export_rows(user, filters), user)


@bp.get("/<case_no>")
@login_required
def show(case_no):
    return render_case(session_user(), case_no)


def render_case(user, case_no, status: int = 200, action: str | None = None, action_errors=None):
    """The case page; after a refused operation (app.web.case_actions) with its form open and the messages
    next to it (``action`` names the form, ``action_errors`` maps field → message) under that status."""
    case = queries.case_for(user, case_no)
    my_tasks = tasks_for(user, case_no=case_no)
    context = urgency_context()
    return render_template(
        "cases/show.html", case=case, my_tasks=my_tasks, form=DecisionForm(),
        page_forms=getattr(task_services, "BACK_OFFICE_FORMS", ("approval",)),
        urgency=task_urgency(case, context),
        ready_tasks=[t for t in case.tasks if t.state == "ready"],
        material_rows=material_rows(case), documents=case_documents(case),
        can_attach=can_attach(user, case), attach_choices=attach_choices(case),
        panel=case_panel(user, case, my_tasks), pauses=case_pauses(case),
        action=action, action_errors=action_errors or {}, pause_kinds=PAUSE_KINDS, clock_labels=CLOCK_STATES,
        extension_request_states=EXTENSION_REQUEST_STATES, proposing_steps=task_services.PROPOSING_STEPS,
    ), status


@bp.get("/<case_no>/diagram.json")
@login_required
def diagram(case_no):
    """The BPMN XML of the definition version the case runs on, with the ids of its current steps (ready
    tasks) and of the steps already done, for the bpmn-js viewer."""
    case = queries.case_for(session_user(), case_no)
    definition = case.workflow_instance.definition
    ready = sorted({t.step_id for t in case.tasks if t.state == "ready"})
    done = sorted({t.step_id for t in case.tasks if t.state == "completed"} - set(ready))
    return {
        "case_no": case.case_no,
        "process_key": definition.process_key,
        "version": definition.version,
        "bpmn_xml": definition.bpmn_xml,
        "current_step_ids": ready,
        "completed_step_ids": done,
        "completed_step_names": sorted({e.step for e in case.events if e.step and e.task_id}),
    }
