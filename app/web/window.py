"""综合窗口 pages: find an item, check its materials, enter the applicant, decide 受理 / 补正 / 不予受理,
print the notice; receive supplements; issue results. Every decision is made by the cases services."""
import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.cases import queries
from app.cases.acceptance import receive_case, supplement_case
from app.cases.issuance import issue_case
from app.cases.lifecycle import require_window_clerk
from app.cases.models import CASE_STATUSES
from app.cases.privacy import case_query_code
from app.cases.schemas import CaseCreateSchema, IssueSchema, SupplementSchema
from app.catalogue.services import published_item, published_items
from app.documents.notices import notice_pdf_response
from app.documents.qr_image import qr_data_uri
from app.errors import InvalidInput, NotFound
from app.files.staging import staged_scans
from app.network.models import TONGBAN_SCOPES
from app.network.offering import receiving_point
from app.paperwork.models import NOTICE_EVENTS
from app.paperwork.services import issue_notice, latest_notice_kind
from app.tasks.inbox import inbox_page
from app.tasks.models import HumanTask

from .answers import attach_errors, checklist_states, loaded, posted_answers, split_form_errors
from .common import attempt, field_messages, page_blueprint, roles_required, session_user
from .files import files_by_material, material_rows
from .forms import AcceptanceForm, IssueForm, SupplementForm

logger = logging.getLogger(__name__)

bp = page_blueprint("web_window", __name__, url_prefix="/window")

#: the window's own decision step of a 即办件 (当场办结, bpmn/instant_case.bpmn): listed as 即办件, never as
#: a case sent back to the window
INSTANT_STEPS = ("window_decide",)
#: rows of each list on the window's start page (the full lists are paged: app.web.window_lists)
LIST_PREVIEW = 10


def _clerk_window(user):
    return user.window if user.role == "clerk" else None


@bp.get("")
@roles_required("clerk")
def index():
    user = session_user()
    q = (request.args.get("q") or "").strip()
    window = _clerk_window(user)
    items = published_items(window=window, query=q or None) if window is not None else []
    page, _counts, _choices = inbox_page(user, {"size": LIST_PREVIEW * 5},
                                         (HumanTask.form_key.not_in(("acceptance", "issuance")),))
    window_tasks = [task for task, _colour in page.rows]
    return render_template(
        "window/index.html", q=q, items=items,
        supplementing=queries.visible_cases(user, status="supplementing", limit=LIST_PREVIEW),
        awaiting_issue=queries.visible_cases(user, status="awaiting_issue", limit=LIST_PREVIEW),
        instant_tasks=[t for t in window_tasks if t.step in INSTANT_STEPS],
        other_tasks=[t for t in window_tasks if t.step not in INSTANT_STEPS],
        preview=LIST_PREVIEW,
    )


@bp.route("/items/<code>", methods=["GET", "POST"])
@roles_required("clerk")
def accept(code):
    user = session_user()
    item = published_item(code)
    require_window_clerk(user, item)
    form = AcceptanceForm()
    problems: dict[str, str] = {}
    form_errors: dict[str, str] = {}
    received = request.form.getlist("materials")
    missing = request.form.getlist("missing")
    reused = request.form.getlist("reuse")[:100]
    scans = [int(v) if v.isdigit() else 0 for v in request.form.getlist("scans")[:100]]
    answers, answers_problem = posted_answers()
    if answers_problem:
        problems = {"form": answers_problem}
    elif form.validate_on_submit():
        payload = {
            "item_code": item.code,
            "applicant": {"kind": form.applicant_kind.data, "name": form.applicant_name.data.strip(),
                          "id_number": form.id_number.data, "phone": form.phone.data.strip()},
            "materials": received, "decision": form.decision.data, "missing": missing,
            "reason": (form.reason.data or "").strip() or None, "form": answers,
            "reuse": reuse_entries(reused), "scans": scans,
        }
        if form.agent_kind.data:  # 代办: the agent and the 授权委托书 are recorded on the case
            payload["agent"] = {"kind": form.agent_kind.data,
                                "username": (form.agent_username.data or "").strip() or None,
                                "name": (form.agent_name.data or "").strip() or None,
                                "id_number": (form.agent_id_number.data or "").strip() or None}
        data, error = loaded(CaseCreateSchema(), payload)
        if error is None:
            case, error = attempt(receive_case, user, data)
            if error is None:
                logger.info("window %s received case %s (%s)", user.username, case.case_no, data["decision"])
                return redirect(url_for("web_window.receipt", case_no=case.case_no))
        form_errors, messages = split_form_errors(field_messages(error))
        problems = attach_errors(form, messages)
        if not problems and not any(f.errors for f in form):
            problems = {"": error.message}
    status = 422 if request.method == "POST" else 200
    offered = receiving_point(_clerk_window(user), item)
    return render_template("window/accept.html", item=item, form=form, problems=problems, offered=offered,
                           tongban_scopes=TONGBAN_SCOPES,
                           received=set(received) if request.method == "POST" else None,
                           missing=set(missing), answers=answers, form_errors=form_errors, reused=reused,
                           scans=scans_by_material(staged_scans(user, scans)) if scans else {},
                           checklist=checklist_states(item, answers) if answers is not None else None), status


def scans_by_material(scans) -> dict[str, list]:
    """The clerk's staged scans named by the form shown again, per material (they stay staged until used)."""
    by_code: dict[str, list] = {}
    for case_file in scans:
        by_code.setdefault(case_file.material_code, []).append(case_file)
    return by_code


def reuse_entries(values: list[str]) -> list[dict]:
    """``<material>:file:<id>`` / ``<material>:licence:<id>`` ticks of js/reuse.js → the API's ``reuse``
    entries (a malformed one is passed on as a file id the service refuses, naming the field)."""
    entries = []
    for value in values:
        code, _sep, rest = value.partition(":")
        kind, _sep, number = rest.partition(":")
        key = "licence_id" if kind == "licence" else "file_id"
        entries.append({"material": code[:40], key: int(number) if number.isdigit() else 0})
    return entries


@bp.get("/cases/<case_no>")
@roles_required("clerk")
def receipt(case_no):
    case = queries.case_for(session_user(), case_no)
    return render_template("window/receipt.html", case=case, pdf_kind=latest_notice_kind(case),
                           material_rows=material_rows(case),
                           query_code=case_query_code(case, session_user()))


#: the stored notices' titles (app.paperwork.models.NOTICE_TITLES), shown through _(): listed for pybabel
NOTICE_TITLE_LABELS = (_l("受理通知书"), _l("一次性补正告知书"), _l("不予受理通知书"))


@bp.get("/cases/<case_no>/notice")
@roles_required("clerk")
def notice(case_no):
    """The notice of the latest window decision as a page: the same stored, numbered document as its PDF
    (title, 文号, dates, the progress QR), so that the HTML and the PDF print never disagree."""
    user = session_user()
    case = queries.case_for(user, case_no)
    kind = latest_notice_kind(case)
    stored = None
    if kind is not None:
        stored, error = attempt(issue_notice, user, case_no, kind)
        if error is not None:
            raise error
    return render_template("window/notice.html", case=case, notice=stored, pdf_kind=kind,
                           qr=qr_data_uri(stored.content["progress_url"]) if stored else None,
                           query_code=case_query_code(case, user))


@bp.get("/cases/<case_no>/notices/<kind>.pdf")
@roles_required("clerk")
def notice_pdf(case_no, kind):
    """The numbered PDF notice (issued and numbered on first print, the same document afterwards)."""
    if kind not in NOTICE_EVENTS:
        raise NotFound("通知书类型应为 acceptance、supplement 或 refusal")
    notice, error = attempt(issue_notice, session_user(), case_no, kind)
    if error is not None:
        raise error
    return notice_pdf_response(notice, case_query_code(notice.case, session_user()))


@bp.route("/cases/<case_no>/supplement", methods=["GET", "POST"])
@roles_required("clerk")
def supplement(case_no):
    user = session_user()
    case = queries.case_for(user, case_no)
    form = SupplementForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        payload = {"materials": request.form.getlist("materials"), "decision": form.decision.data,
                   "missing": request.form.getlist("missing"),
                   "reason": (form.reason.data or "").strip() or None}
        data, error = loaded(SupplementSchema(), payload)
        if error is None:
            case, error = attempt(supplement_case, user, case_no, data)
            if error is None:
                flash(_("补正材料已接收，办件状态：%(status)s", status=_(CASE_STATUSES.get(case.status, case.status))),
                      "success")
                return redirect(url_for("web_window.receipt", case_no=case_no))
        problems = attach_errors(form, field_messages(error)) or ({"": error.message} if not any(
            f.errors for f in form) else {})
    return render_template("window/supplement.html", case=case, form=form, problems=problems,
                           supplement_files=files_by_material(case),
                           checklist=checklist_states(case.item, case.form_data)
                           if case.form_data is not None else None), (
        422 if request.method == "POST" else 200)


@bp.route("/cases/<case_no>/issue", methods=["GET", "POST"])
@roles_required("clerk")
def issue(case_no):
    user = session_user()
    case = queries.case_for(user, case_no)
    form = IssueForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        payload = {"method": form.method.data, "tracking_no": (form.tracking_no.data or "").strip() or None,
                   "recipient": (form.recipient.data or "").strip() or None,
                   "recipient_id_number": (form.recipient_id_number.data or "").strip() or None,
                   "authorised": bool(form.authorised.data)}
        data, error = loaded(IssueSchema(), payload)
        if error is None:
            _issued, error = attempt(issue_case, user, case_no, data)
            if error is None:
                flash(_("办件 %(case_no)s 已出件", case_no=case_no), "success")
                return redirect(url_for("web_window_lists.issuance"))
        problems = attach_errors(form, field_messages(error)) or ({"": error.message} if not any(
            f.errors for f in form) else {})
    return render_template("window/issue.html", case=case, form=form, problems=problems), (
        422 if request.method == "POST" else 200)
