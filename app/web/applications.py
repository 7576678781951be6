"""网上申报预审 on the window page: the pending online applications of the window's sector, each with
pass / supplement / refuse through app.applications.services.review_application."""

import logging

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from app.applications.services import applications_for, review_application

from app.files.applicant import application_files

from .answers import answer_rows
from .common import attempt, field_messages, page_blueprint, roles_required, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_applications", __name__, url_prefix="/window/applications")

DECISIONS = ("pass", "supplement", "refuse")


@bp.app_template_global()
def prereview_applications(user):
    """Online applications waiting for the window's pre-review (its sector), oldest first."""
    if user is None or user.role != "clerk":
        return []
    return applications_for(user, state="pending")


@bp.app_template_global()
def prereview_files(application):
    """The files the applicant uploaded with the application, for the pre-review."""
    return application_files(application)


bp.add_app_template_global(answer_rows, "answer_rows")


@bp.post("/<int:application_id>/review")
@roles_required("clerk")
def review(application_id):
    decision = request.form.get("decision")
    if decision not in DECISIONS:
        flash(_("请选择预审结论"), "error")
        return redirect(url_for("web_window.index"))
    payload = {
        "decision": decision,
        "missing": request.form.getlist("missing")[:100],
        "reason": (request.form.get("reason") or "").strip()[:2000] or None,
    }
    application, error = attempt(review_application, session_user(), application_id, payload)
    if error is not None:
        messages = field_messages(error)
        flash("；".join(messages.values()) if messages else error.message, "error")
        return redirect(url_for("web_window.index"))
    if application.case is not None:
        flash(_("预审通过，已受理：%(case_no)s", case_no=application.case.case_no), "success")
        return redirect(url_for("web_window.receipt", case_no=application.case.case_no))
    flash(_("网上申报 %(no)s 预审完成", no=application.application_no), "success")
    return redirect(url_for("web_window.index"))
