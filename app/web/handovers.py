"""材料交接 pages: the window hands the received paper materials of an accepted case to the lead department
and sees pending (overdue highlighted) handovers; department staff sign off from their inbox."""

import logging

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from app.accounts.models import DEPARTMENT_ROLES
from app.cases import queries
from app.handover.services import hand_over, is_overdue, sign_handover, visible_handovers

from .common import attempt, page_blueprint, roles_required, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_handovers", __name__, url_prefix="/handovers")


@bp.app_template_global()
def pending_handovers(user):
    """Unsigned handovers the user sees (window: its sector; department: its own), oldest first."""
    return visible_handovers(user, state="pending", limit=100) if user is not None else []


@bp.app_template_global()
def handover_overdue(handover) -> bool:
    return is_overdue(handover)


@bp.post("/cases/<case_no>")
@roles_required("clerk")
def create(case_no):
    user = session_user()
    case = queries.case_for(user, case_no)
    payload = {
        "materials": [m.material_code for m in case.materials][:50],
        "note": (request.form.get("note") or "").strip()[:2000],
        "department": None,
    }
    handover, error = attempt(hand_over, user, case_no, payload)
    if error is not None:
        flash(error.message, "error")
    else:
        flash(_("材料已移交%(department)s，待签收", department=handover.department.name), "success")
    return redirect(url_for("web_window.receipt", case_no=case_no))


@bp.post("/<int:handover_id>/sign")
@roles_required(*DEPARTMENT_ROLES)
def sign(handover_id):
    note = (request.form.get("note") or "").strip()[:2000]
    handover, error = attempt(sign_handover, session_user(), handover_id, {"note": note})
    if error is not None:
        flash(error.message, "error")
    else:
        flash(_("已签收办件 %(case_no)s 的移交材料", case_no=handover.case.case_no), "success")
    return redirect(url_for("web_inbox.index"))
