"""Staff pages of 一件事 (/theme-desk): the window accepts a theme once (at the counter or from an online
application), the theme case page shows the path and deadline of every child case with the theme's own clock,
the 受理通知书 lists every item, the window issues every result together, and 电子监察 reads the statistics.
Every decision is made by the themes services."""
import logging

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.documents.pdf import pdf_response
from app.supervision.rules import LEVEL_LABELS
from app.web.answers import attach_errors, loaded, posted_answers, split_form_errors
from app.web.common import attempt, error_page, field_messages, page_blueprint, roles_required, session_user
from app.web.forms import ApplyForm

from . import handling, online, results
from .access import STAFF_ROLES, staff_overview, visible_theme_case, visible_theme_cases
from .definitions import member_items, published_theme, published_themes
from .notice_pdf import render_theme_notice
from .models import THEME_CASE_STATUSES
from .schemas import ThemeAcceptSchema, ThemeIssueSchema
from .statistics import theme_statistics

logger = logging.getLogger(__name__)

bp = page_blueprint("web_themes", __name__, url_prefix="/theme-desk")


@bp.context_processor
def _labels():
    return {"theme_case_statuses": THEME_CASE_STATUSES, "level_labels": LEVEL_LABELS}


@bp.get("")
@roles_required(*STAFF_ROLES)
def index():
    user = session_user()
    cases = visible_theme_cases(user)
    return render_template("themes/index.html", themes=published_themes() if user.role == "clerk" else [],
                           applications=online.pending_applications(user), cases=cases,
                           levels={c.theme_no: results.theme_level(c) for c in cases})


@bp.route("/themes/<code>/accept", methods=["GET", "POST"])
@roles_required("clerk")
def accept(code):
    user = session_user()
    theme = published_theme(code)
    form = ApplyForm()
    problems, form_errors = {}, {}
    materials = request.form.getlist("materials")
    answers, answers_problem = posted_answers()
    if answers_problem:
        problems = {"form": answers_problem}
    elif form.validate_on_submit():
        payload = {"theme_code": theme.code, "materials": materials, "form": answers,
                   "applicant": {"kind": form.applicant_kind.data, "name": form.applicant_name.data.strip(),
                                 "id_number": form.id_number.data, "phone": form.phone.data.strip()}}
        data, error = loaded(ThemeAcceptSchema(), payload)
        if error is None:
            theme_case, error = attempt(handling.accept_theme, user, data)
            if error is None:
                return redirect(url_for("web_themes.show", theme_no=theme_case.theme_no))
        form_errors, messages = split_form_errors(field_messages(error))
        problems = attach_errors(form, messages)
        if not problems and not any(f.errors for f in form):
            problems = {"": error.message}
    return render_template("themes/accept.html", theme=theme, form=form, problems=problems, answers=answers,
                           form_errors=form_errors, received=set(materials)), 422 if request.method == "POST" else 200


@bp.post("/applications/<int:application_id>")
@roles_required("clerk")
def review(application_id):
    decision = "refuse" if request.form.get("decision") == "refuse" else "accept"
    application, error = attempt(online.review_application, session_user(), application_id, decision,
                                 request.form.get("reason"))
    if error is not None:
        return error_page(error.status, error.message)
    if application.theme_case is not None:
        return redirect(url_for("web_themes.show", theme_no=application.theme_case.theme_no))
    return redirect(url_for("web_themes.index"))


@bp.get("/cases/<theme_no>")
@roles_required(*STAFF_ROLES)
def show(theme_no):
    user = session_user()
    theme_case = visible_theme_case(user, theme_no)
    return render_template("themes/case.html", p=staff_overview(user, theme_case), theme_case=theme_case,
                           may_issue=user.role == "clerk")


@bp.get("/cases/<theme_no>/notice")
@roles_required(*STAFF_ROLES)
def notice(theme_no):
    user = session_user()
    theme_case = visible_theme_case(user, theme_no)
    return render_template("themes/notice.html", p=staff_overview(user, theme_case), theme_case=theme_case,
                           items=member_items(theme_case.theme))


@bp.get("/cases/<theme_no>/notice.pdf")
@roles_required(*STAFF_ROLES)
def notice_pdf(theme_no):
    user = session_user()
    theme_case = visible_theme_case(user, theme_no)
    data = staff_overview(user, theme_case)
    return pdf_response(render_theme_notice(theme_case, data, data["query_code"]), f"{theme_no}-acceptance.pdf")


@bp.post("/cases/<theme_no>/issue")
@roles_required("clerk")
def issue(theme_no):
    user = session_user()
    payload = {"method": request.form.get("method") or "window", "recipient": request.form.get("recipient") or None,
               "recipient_id_number": request.form.get("recipient_id_number") or None,
               "authorised": bool(request.form.get("authorised")),
               "tracking_no": request.form.get("tracking_no") or None, "confirmed": bool(request.form.get("confirmed"))}
    data, error = loaded(ThemeIssueSchema(), payload)
    if error is None:
        _issued, error = attempt(results.issue_theme, user, theme_no, data)
    if error is not None:
        theme_case = visible_theme_case(user, theme_no)
        return render_template("themes/case.html", p=staff_overview(user, theme_case), theme_case=theme_case,
                               may_issue=True, problem=error.message), error.status
    return redirect(url_for("web_themes.show", theme_no=theme_no))


@bp.get("/statistics")
@roles_required("supervisor")
def statistics():
    return render_template("themes/statistics.html", rows=theme_statistics(), title=_("一件事统计"))
