"""网上申报 page of the portal (public, no login): the item's application form in the form-js viewer, the
applicant, and the materials the answers call for; submitted through app.applications exactly as the public
API does (the same hourly limit per address, the same server-side validation of the form)."""
import logging

from flask import render_template, request
from flask_babel import gettext as _

from app.applications.schemas import ApplicationSubmitSchema
from app.applications.services import guard_submissions
from app.catalogue.services import published_item
from app.portal.accounts.applying import prefill_applicant, submit_for_applicant

from app.web.answers import attach_errors, checklist_states, loaded, posted_answers, split_form_errors
from app.web.common import attempt, field_messages, page_blueprint
from app.web.forms import ApplyForm

from .applicant import upload_context

logger = logging.getLogger(__name__)

bp = page_blueprint("portal_apply", __name__, url_prefix="/apply")


@bp.route("/<item_code>", methods=["GET", "POST"])
def apply(item_code):
    item = published_item(item_code)
    form = ApplyForm()
    prefill_applicant(form)  # 我的办事: a logged-in applicant starts from their account
    problems: dict[str, str] = {}
    form_errors: dict[str, str] = {}
    materials = request.form.getlist("materials")
    answers, answers_problem = posted_answers()
    if answers_problem:
        problems = {"form": answers_problem}
    elif form.validate_on_submit():
        payload = {"item_code": item.code, "materials": materials, "note": (form.note.data or "").strip(),
                   "form": answers,
                   "applicant": {"kind": form.applicant_kind.data, "name": form.applicant_name.data.strip(),
                                 "id_number": form.id_number.data, "phone": form.phone.data.strip()}}
        data, error = loaded(ApplicationSubmitSchema(), payload)
        if error is None:
            _counted, error = attempt(guard_submissions, request.remote_addr)
        if error is None:
            application, error = attempt(submit_for_applicant, data)
            if error is None:
                logger.info("online application %s submitted from the page", application.application_no)
                # the applicant's own page: the receipt shows the new query code, which lets them upload now
                return render_template("portal/apply/receipt.html", item=item, application=application,
                                       uploads=upload_context(application, application.query_code))
        form_errors, messages = split_form_errors(field_messages(error))
        problems = attach_errors(form, messages)
        if not problems and not any(f.errors for f in form):
            problems = {"": error.message}
    elif request.method == "POST":
        problems = {"": _("请填写申请人信息")}
    return render_template("portal/apply/form.html", item=item, form=form, problems=problems, answers=answers,
                           form_errors=form_errors, received=set(materials) if request.method == "POST" else None,
                           checklist=checklist_states(item, answers) if answers is not None else None), (
        422 if request.method == "POST" else 200)
