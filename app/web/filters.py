"""Jinja filters and template globals of the pages."""
import logging
from zoneinfo import ZoneInfo

from flask import current_app, request

from app.accounts.models import ROLES
from app.applicants.identity import mask_name
from app.cases.privacy import applicant_identity, case_form, sees_full_identity
from app.cases.events import EVENT_LABELS
from app.files.models import FILE_STAGES
from app.documents.pdf import date_zh
from app.cases.models import APPLICANT_KINDS, CASE_RESULTS, CASE_STATUSES, ISSUE_METHODS
from app.tasks.services import DECISION_LABELS

from . import LANGUAGES, select_locale
from .common import session_user
from .forms import PostForm
from .labels import ACCEPTANCE_DECISIONS, RESULT_BADGES

logger = logging.getLogger(__name__)

def local_time(value, fmt="%Y-%m-%d %H:%M"):
    """A UTC timestamp shown in the service centre's time zone."""
    if value is None:
        return ""
    return value.astimezone(ZoneInfo(current_app.config["TIMEZONE"])).strftime(fmt)


def applicant_name_for(name, kind, full: bool):
    """An applicant's name as a list shows it: persons masked for roles that do not see the full identity
    (app.cases.privacy), organisations always by name."""
    return name if full else mask_name(name, organisation=kind == "organisation")


def list_applicant(case) -> str:
    """The applicant's name of a case in a list, for the current user."""
    return applicant_name_for(case.applicant_name, case.applicant_kind, sees_full_identity(session_user()))


def iso_date(value):
    return value.isoformat() if value else ""  # None, or an unset filter (jinja's Undefined)


def register(app) -> None:
    app.add_template_global(applicant_identity, "applicant_identity")
    app.add_template_global(case_form, "case_form")
    app.add_template_filter(local_time, "local_time")
    app.add_template_filter(iso_date, "iso_date")
    app.add_template_filter(date_zh, "date_zh")  # 2026年3月2日, as the PDF documents print dates
    app.add_template_global(list_applicant, "list_applicant")

    @app.context_processor
    def _page_globals():
        return {
            "me": session_user() if request.blueprint and request.blueprint.startswith("web_") else None,
            "languages": LANGUAGES,
            "current_locale": select_locale(),
            "role_labels": ROLES,
            "case_statuses": CASE_STATUSES,
            "case_results": CASE_RESULTS,
            "result_badges": RESULT_BADGES,
            "applicant_kinds": APPLICANT_KINDS,
            "issue_methods": ISSUE_METHODS,
            "event_labels": EVENT_LABELS,
            "decision_labels": {**ACCEPTANCE_DECISIONS, **DECISION_LABELS},
            "post_form": PostForm,
            "file_stages": FILE_STAGES,
        }
