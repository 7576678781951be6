"""流程设计 pages: the process definitions with their versions (who, when, why), the bpmn-js modeler with the
审批属性 panel, the visual diff of two versions and the review of submitted drafts. The modeler's JSON calls are
in ``app.web.designer_drafts``; both call ``app.designer``.

Why own endpoints rather than the bearer API from the browser: the page session already authenticates the
designer, and keeping an API token out of the page means no long-lived credential readable by scripts; the
JSON endpoints are CSRF-protected (``X-CSRFToken`` header) like every other page write."""
import logging
from itertools import groupby

from flask import render_template, request
from flask_babel import gettext as _

from app.designer import drafts, services, trial
from app.designer.review import is_process_reviewer
from app.errors import InvalidInput

from .common import page_blueprint, roles_required, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_designer", __name__, url_prefix="/designer")

READERS = ("designer", "supervisor")
#: who opens the review pages: designers (to follow their submissions) and the reviewers of the 行政审批 office
REVIEW_READERS = ("designer", "approver", "head")


@bp.get("")
@roles_required(*READERS)
def index():
    rows = services.list_definitions()
    groups = [(key, list(versions), drafts.open_draft(key)) for key, versions in
              groupby(rows, key=lambda r: r["process_key"])]
    return render_template("designer/index.html", groups=groups, in_review=len(drafts.in_review()))


@bp.get("/<process_key>/versions/<int:version>")
@roles_required(*READERS)
def modeler(process_key, version):
    source = services.definition_source(process_key, version)
    draft = drafts.open_draft(process_key)
    return render_template("designer/modeler.html", definition=source, draft=draft,
                           items=trial.items_of(process_key), can_edit=session_user().role == "designer")


@bp.get("/<process_key>/history")
@roles_required(*READERS)
def history(process_key):
    return render_template("designer/history.html", process_key=process_key, versions=drafts.history(process_key),
                           draft=drafts.open_draft(process_key), can_edit=session_user().role == "designer")


@bp.get("/<process_key>/diff")
@roles_required(*READERS)
def diff(process_key):
    versions = [v["version"] for v in drafts.history(process_key)]
    older, newer = _version_arg("from", versions[-1]), _version_arg("to", versions[0])
    return render_template("designer/diff.html", process_key=process_key, older=older, newer=newer)


def _version_arg(name, default):
    value = request.args.get(name, str(default))
    if not value.isdigit():
        raise InvalidInput.field(name, _("版本号须为正整数"))
    return int(value)


@bp.get("/reviews")
@roles_required(*REVIEW_READERS)
def reviews():
    user = session_user()
    return render_template("designer/reviews.html", drafts=drafts.in_review(),
                           reviewer=is_process_reviewer(user))


@bp.get("/drafts/<int:draft_id>")
@roles_required(*REVIEW_READERS)
def draft_page(draft_id):
    draft = drafts.get_draft(draft_id)
    user = session_user()
    return render_template("designer/review.html", draft=draft,
                           may_review=is_process_reviewer(user) and user.username not in
                           {draft.created_by, draft.updated_by, draft.submitted_by})
