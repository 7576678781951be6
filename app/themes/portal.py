"""Public pages of 一件事 (no login, on portal/base.html): the theme list, each theme's guide (its items, which
apply in which situation, the order between them, the one material list, the promised limit, the coordinator),
the one-form online application, and the theme's progress query with one rating once every result is issued."""
import logging

from flask import render_template, request
from flask_babel import gettext as _

from app.applications.services import guard_submissions
from app.errors import NotFound, ServiceError
from app.extensions import db
from app.web.answers import attach_errors, loaded, posted_answers, split_form_errors
from app.web.common import attempt, field_messages, page_blueprint
from app.web.forms import ApplyForm

from .definitions import member_items, published_theme, published_themes
from .online import submit_application
from .results import authenticate, overview, rate_theme
from .schemas import ThemeAcceptSchema

logger = logging.getLogger(__name__)

bp = page_blueprint("portal_themes", __name__, url_prefix="/themes")
GRADES = {1: "非常满意", 2: "满意", 3: "基本满意", 4: "不满意", 5: "非常不满意"}


@bp.get("")
def index():
    return render_template("portal/themes/index.html", themes=published_themes())


@bp.get("/<code>")
def guide(code):
    theme = published_theme(code)
    return render_template("portal/themes/guide.html", theme=theme, items=member_items(theme))


@bp.route("/<code>/apply", methods=["GET", "POST"])
def apply(code):
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
            _counted, error = attempt(guard_submissions, request.remote_addr)
        if error is None:
            application, error = attempt(submit_application, data)
            if error is None:
                return render_template("portal/themes/receipt.html", theme=theme, application=application)
        form_errors, messages = split_form_errors(field_messages(error))
        problems = attach_errors(form, messages)
        if not problems and not any(f.errors for f in form):
            problems = {"": error.message}
    elif request.method == "POST":
        problems = {"": _("请填写申请人信息")}
    return render_template("portal/themes/apply.html", theme=theme, form=form, problems=problems, answers=answers,
                           form_errors=form_errors, received=set(materials)), 422 if request.method == "POST" else 200


def _lookup(theme_no: str, code: str):
    try:
        return authenticate(theme_no, code, request.remote_addr), None
    except NotFound as error:
        db.session.commit()  # the failure counts for the throttle
        return None, error.message
    except ServiceError as error:
        db.session.rollback()
        return None, error.message


@bp.route("/progress", methods=["GET", "POST"])
def progress():
    theme_no = (request.values.get("theme_no") or "").strip().upper()[:50]
    return theme_progress(theme_no, (request.form.get("code") or "").strip()[:20])


def theme_progress(theme_no: str, code: str):
    """The theme's progress page for a number and code (the portal's 办件查询 answers a theme number so)."""
    if request.method == "GET" or not theme_no or not code:
        problem = _("请填写一件事编号和查询码") if request.method == "POST" else None
        return render_template("portal/themes/progress.html", theme_no=theme_no, problem=problem, grades=GRADES)
    theme_case, problem = _lookup(theme_no, code)
    if theme_case is None:
        return render_template("portal/themes/progress.html", theme_no=theme_no, problem=problem, grades=GRADES), 404
    notice = None
    if request.form.get("stage") == "rate":
        grade = request.form.get("grade", "")
        rated, error = attempt(rate_theme, theme_case, int(grade) if grade.isdigit() else 0, request.form.get("text"))
        if error is not None:
            problem = error.message
        else:
            theme_case, notice = rated, _("感谢您的评价")
    data = overview(theme_case)
    db.session.commit()
    return render_template("portal/themes/progress.html", theme_no=theme_no, code=code, progress=data,
                           problem=problem, notice=notice, grades=GRADES)
