"""寄递状态 page: the results posted to applicants (邮寄送达) with their tracking numbers, current status and the
history of its updates; the receiving window's clerk records 已投递 / 已签收 / 已退回 (app.licences.delivery)."""
import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.licences import delivery, postal_list
from app.licences.models import DELIVERY_STATUSES

from .common import attempt, page_blueprint, roles_required, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_postal", __name__, url_prefix="/postal")

PER_PAGE = 20
STATUS_LABELS = {"posted": _l("已寄出"), "delivered": _l("已投递"), "signed": _l("已签收"), "returned": _l("已退回")}


@bp.get("")
@roles_required(*postal_list.READER_ROLES)
def index():
    user = session_user()
    status = request.args.get("status") if request.args.get("status") in STATUS_LABELS else None
    q = request.args.get("q", "").strip()[:50]
    page = min(max(1, request.args.get("page", 1, type=int)), 100000)
    result = postal_list.page_of(postal_list.posted_query(user, status, q), page, PER_PAGE)
    events = postal_list.history([case.id for _delivery, case in result["items"]])
    return render_template("postal/index.html", result=result, status=status, q=q, labels=STATUS_LABELS,
                           events=events, may_update=user.role == "clerk")


@bp.post("/<case_no>")
@roles_required("clerk")
def update(case_no):
    status = request.form.get("status")
    note = (request.form.get("note") or "").strip()[:500] or None
    if status not in DELIVERY_STATUSES:
        flash(_("请选择寄递状态"), "error")
    else:
        _delivery, error = attempt(delivery.update_delivery, session_user(), case_no, status, note)
        flash(error.message if error else _("已登记 %(case_no)s 的寄递状态", case_no=case_no),
              "error" if error else "success")
    return redirect(request.form.get("back") if (request.form.get("back") or "").startswith("/postal")
                    else url_for("web_postal.index"))
