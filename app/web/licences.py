"""电子证照 pages: the register (paged; search by licence or case number, or the holder's exact name or code;
holders masked for those who do not need them), one licence, its printable copy, and 撤销 / 注销 with a
reason by the issuing department's approver or head (app.licences.services decides)."""
import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.admin.paging import paginate
from app.licences import listing, services
from app.licences.models import LICENCE_STATUSES

from .common import attempt, page_blueprint, roles_required, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_licences", __name__, url_prefix="/licences")

PER_PAGE = 20
ACTIONS = {"revoke": services.revoke_licence, "cancel": services.cancel_licence}


@bp.app_template_global("licence_status")
def licence_status(licence) -> str:
    return services.effective_status(licence)


@bp.get("")
@roles_required(*listing.READER_ROLES)
def index():
    user = session_user()
    q = request.args.get("q", "").strip()[:100]
    status = request.args.get("status") if request.args.get("status") in LICENCE_STATUSES else None
    page = min(max(1, request.args.get("page", 1, type=int)), 100000)
    result = paginate(listing.licence_query(user, q, status), page, PER_PAGE)
    return render_template("licences/index.html", result=result, q=q, status=status, statuses=LICENCE_STATUSES,
                           holders={licence.id: listing.holder_view(licence, user) for licence in result["items"]})


def _licence_page(template, licence_id, errors=None, status=200):
    user = session_user()
    licence = listing.licence_for(user, licence_id)
    return render_template(template, licence=licence, holder=listing.holder_view(licence, user),
                           statuses=LICENCE_STATUSES, may_change=listing.may_change_status(user, licence),
                           errors=errors or {}), status


@bp.get("/<int:licence_id>")
@roles_required(*listing.READER_ROLES)
def show(licence_id):
    return _licence_page("licences/show.html", licence_id)


@bp.get("/<int:licence_id>/print")
@roles_required(*listing.READER_ROLES)
def print_copy(licence_id):
    return _licence_page("licences/print.html", licence_id)


@bp.post("/<int:licence_id>/<any(revoke, cancel):action>")
@roles_required("approver", "head")
def change_status(licence_id, action):
    reason = (request.form.get("reason") or "").strip()
    if not reason or len(reason) > 500:
        return _licence_page("licences/show.html", licence_id,
                             {f"{action}.reason": _("须说明理由（不超过 500 字）")}, 422)
    licence, error = attempt(ACTIONS[action], session_user(), licence_id, reason)
    if error is not None:
        return _licence_page("licences/show.html", licence_id, {"_": error.message}, error.status)
    done = _("已撤销电子证照 %(number)s", number=licence.number) if action == "revoke" else \
        _("已注销电子证照 %(number)s", number=licence.number)
    flash(done, "success")
    return redirect(url_for("web_licences.show", licence_id=licence_id))
