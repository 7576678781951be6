"""The applicant's own pages in the portal (no login), what a citizen does after submitting:

- 申报材料 ``/apply/files`` (application number + query code): upload files per material while the
  application waits for 预审 or its 补正; after 预审 asked for changes, change the form answers and the
  materials and resubmit (the window pre-reviews it again); 撤件 of an application not yet passed.
- 办理结果 ``/apply/result`` (case number + query code): progress; online 补正 of exactly the materials of
  the one-time notice, then submit it (the case is accepted as when the window records the supplement);
  撤件 before the decision (reason and confirmation); once decided, the signed e-licence download (for an
  item of online depth IV that download is the delivery).

Who the applicant is comes from one function per page (:func:`application_for_page`, :func:`case_for_page`):
today the number and the query code posted with the page, under the public lookup throttle; applicant
accounts add the logged-in owner there. Every rule is the services' (app.applications, app.cases.withdrawal,
app.files.applicant, app.progress, app.documents.delivery)."""
import logging
from urllib.parse import quote

import sqlalchemy as sa
from flask import render_template, request
from flask_babel import gettext as _

from app.applications.models import APPLICATION_STATES
from app.applications.schemas import ApplicationResubmitSchema
from app.applications.services import (
    WITHDRAWABLE_APPLICATION_STATES, guard_submissions, resubmit_application, withdraw_application,
)
from app.cases.withdrawal import withdraw_case, withdrawal_refusal
from app.documents.delivery import applicant_licence_file
from app.documents.licence_file import signed_bytes
from app.documents.pdf import pdf_response
from app.errors import NotFound, ServiceError
from app.extensions import db
from app.files.applicant import (
    OPEN_APPLICATION_STATES, accepts_uploads, application_files, authenticated_application, submit_online_supplement, supplement_files,
)
from app.licences.models import Licence
from app.portal.accounts.session import owned_query_code
from app.progress.services import authenticate_case, public_progress
from app.web.answers import checklist_states, loaded, posted_answers, split_form_errors
from app.web.common import attempt, field_messages, page_blueprint

logger = logging.getLogger(__name__)

bp = page_blueprint("portal_applicant", __name__, url_prefix="/apply")

LIMIT = 50
CONFIRM = "yes"


def _field(name: str, limit: int = LIMIT) -> str:
    return (request.form.get(name) or request.args.get(name) or "").strip()[:limit]


def _authenticated(lookup, *args):
    """(result, None) or (None, error); a failed lookup is committed so that it counts for the throttle (and
    a success, which clears the address's earlier failures on the number)."""
    try:
        result = lookup(*args)
        db.session.commit()
        return result, None
    except NotFound as error:
        db.session.commit()
        return None, error
    except ServiceError as error:
        db.session.rollback()
        return None, error


def _request_code(kind: str, number: str) -> str:
    """The 查询码 of this request: the logged-in owner's own (我的办事, any method), else the one POSTed with
    the page (never taken from an address)."""
    owned = owned_query_code(kind, number)
    if owned:
        return owned
    return _field("code") if request.method == "POST" else ""


def application_for_page():
    """``(application, query code, error)`` of this request's applicant: the 申报编号 with the 查询码 posted
    with the page or the logged-in owner's, checked under the public lookup throttle."""
    number = _field("application_no")
    code = _request_code("application", number)
    application, error = _authenticated(authenticated_application, number, code, request.remote_addr)
    return application, code, error


def case_for_page():
    """``(case, query code, error)`` of this request's applicant: the 办件编号 with the 查询码 posted with the
    page or the logged-in owner's, checked under the public lookup throttle."""
    case_no = _field("case_no")
    code = _request_code("case", case_no)
    case, error = _authenticated(authenticate_case, case_no, code, request.remote_addr)
    return case, code, error


def upload_context(application, query_code: str) -> dict:
    """What portal/apply/_uploads.html needs: per material of the item, the files already given."""
    given: dict[str, list] = {}
    for case_file in application_files(application):
        given.setdefault(case_file.material_code, []).append(case_file)
    materials = application.item.materials
    if application.state not in OPEN_APPLICATION_STATES and application.case is not None:
        listed = application.case.missing_materials or []  # the case's 补正: only the notice's materials
        open_codes = {m.code for m in materials if m.code in listed}
    else:
        open_codes = {m.code for m in materials}
    return {"application": application, "query_code": query_code, "open": accepts_uploads(application),
            "open_codes": open_codes, "materials": [(m, given.get(m.code, [])) for m in materials],
            "state_label": APPLICATION_STATES.get(application.state, application.state)}


def _confirmed_reason() -> tuple[str, dict[str, str]]:
    """The 撤件 reason and the page's own checks (the service checks the reason again)."""
    reason, problems = _field("reason", 500), {}
    if not reason:
        problems["reason"] = _("请填写撤件理由")
    if request.form.get("confirm") != CONFIRM:
        problems["confirm"] = _("请勾选确认：撤件后办件终止，不能恢复")
    return reason, problems


def _problems_of(error: ServiceError) -> dict[str, str]:
    return field_messages(error) or {"": error.message}


# -- 申报材料: the online application ------------------------------------------------------------------


def _files_page(status=200, **context):
    context.setdefault("number", _field("application_no"))
    context.setdefault("uploads", None)
    return render_template("portal/apply/files.html", **context), status


@bp.route("/files", methods=["GET", "POST"])
def files():
    """申报材料: find the application, then upload, resubmit after 预审, or withdraw it."""
    if not (_field("application_no") and _request_code("application", _field("application_no"))):
        problem = _("请填写申报编号和查询码") if request.method == "POST" else None
        return _files_page(422 if problem else 200, problem=problem)
    application, code, error = application_for_page()
    if error is not None:
        return _files_page(error.status, problem=error.message)
    action = request.form.get("action")
    problems, form_errors, done, answers = {}, {}, None, application.form_data
    if action == "withdraw":
        reason, problems = _confirmed_reason()
        if not problems:
            application, error = attempt(withdraw_application, application, reason)
            problems = _problems_of(error) if error else {}
            done = None if error else _("申报已撤回")
    elif action == "resubmit":
        answers, problems, form_errors, done = _resubmit(application, code)
    if done:
        logger.info("online application %s: the applicant's %s from the page", application.application_no, action)
    return _files_page(422 if problems else 200, problem=None, done=done, problems=problems, action=action,
                       form_errors=form_errors, answers=answers, uploads=upload_context(application, code),
                       withdrawable=application.state in WITHDRAWABLE_APPLICATION_STATES,
                       checklist=checklist_states(application.item, answers) if answers is not None else None)


def _resubmit(application, code):
    """``(answers, problems, form errors, done message)`` of a resubmission after 预审 asked for changes."""
    answers, problem = posted_answers()
    if problem:
        return application.form_data, {"form": problem}, {}, None
    materials = sorted(set(request.form.getlist("materials")) | set(application.materials))
    payload = {"code": code, "materials": materials,
               **({"form": answers} if answers is not None else {})}
    data, error = loaded(ApplicationResubmitSchema(), payload)
    if error is None:
        _counted, error = attempt(guard_submissions, request.remote_addr)
    if error is None:
        _resubmitted, error = attempt(resubmit_application, application, data)
    if error is None:
        return answers, {}, {}, _("已重新提交，等待窗口预审")
    form_errors, messages = split_form_errors(field_messages(error))
    if not messages:
        messages = {"form": _("申请表填写有误，请按提示修改")} if form_errors else {"": error.message}
    return answers, messages, form_errors, None


# -- 办理结果: the case -----------------------------------------------------------------------------------


def _result_page(status=200, **context):
    context.setdefault("case_no", _field("case_no"))
    context.setdefault("progress", None)
    context.setdefault("has_licence", False)
    return render_template("portal/apply/result.html", **context), status


def _case_context(case, code: str) -> dict:
    given: dict[str, list] = {}
    if case.status == "supplementing":
        for case_file in supplement_files(case):
            given.setdefault(case_file.material_code, []).append(case_file)
    listed = [(m, given.get(m.code, [])) for m in case.item.materials if m.code in (case.missing_materials or [])]
    withdrawn = next((e for e in reversed(case.events) if e.action == "case.withdrawn"), None)
    return {"case_no": case.case_no, "code": code, "progress": public_progress(case),
            "has_licence": _has_licence(case), "supplement": listed if case.status == "supplementing" else None,
            "withdrawable": withdrawal_refusal(case) is None, "withdrawn": withdrawn}


@bp.route("/result", methods=["GET", "POST"])
def result():
    """办理结果: progress; 补正 online, 撤件, and the signed e-licence once there is one."""
    if not (_field("case_no") and _request_code("case", _field("case_no"))):
        problem = _("请填写办件编号和查询码") if request.method == "POST" else None
        return _result_page(422 if problem else 200, problem=problem)
    case, code, error = case_for_page()
    if error is not None:
        return _result_page(error.status, problem=error.message)
    action, problems, done = request.form.get("action"), {}, None
    if action == "withdraw":
        reason, problems = _confirmed_reason()
        if not problems:
            _withdrawn, error = attempt(withdraw_case, case.case_no, reason)
            problems, done = (_problems_of(error), None) if error else ({}, _("已撤件，办件终止办理"))
    elif action == "supplement":
        _accepted, error = attempt(submit_online_supplement, case.case_no)
        problems, done = (_problems_of(error), None) if error else ({}, _("补正材料已提交，办件已受理"))
    if done:
        logger.info("case %s: the applicant's %s from the page", case.case_no, action)
    return _result_page(422 if problems else 200, problem=None, problems=problems, done=done, action=action,
                        **_case_context(case, code))


def _has_licence(case) -> bool:
    return db.session.scalars(sa.select(Licence.id).where(Licence.case_id == case.id)).first() is not None


@bp.post("/result/licence.pdf")
def licence():
    """The signed e-licence file, saved by the browser (attachment)."""
    case, _code, error = case_for_page()
    if error is None:
        delivered, error = attempt(applicant_licence_file, case)
    if error is not None:
        return _result_page(error.status, problem=error.message)
    licence_row, stored = delivered
    logger.info("case %s: the applicant downloaded the licence file", case.case_no)
    response = pdf_response(signed_bytes(stored), "licence.pdf")
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"licence-{licence_row.id}.pdf\"; "
        f"filename*=UTF-8''{quote(licence_row.number + '.pdf')}")
    return response
