"""好差评 follow-up pages (差评整改与申诉): the ratings a department or a supervisor sees, paged and filtered by
follow-up state. The rated department's approver or head writes the rectification or appeals a mistaken or
malicious rating; the supervisor of the case's region reviews the rectification (accepts it or sends it back)
and decides the appeal. Every rule lives in app.ratings.services; a refused action shows its message."""
import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.admin.paging import paginate
from app.ratings import services
from app.ratings.models import FOLLOW_UP_STATES

from .common import attempt, page_blueprint, roles_required, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_ratings", __name__, url_prefix="/ratings")

PER_PAGE = 20
READERS = ("supervisor", "handler", "reviewer", "approver", "head")
DEPARTMENT_DECIDERS = ("approver", "head")
STATE_LABELS = {"open": _l("待整改"), "rectified": _l("已整改"), "accepted": _l("整改通过"),
                "appealed": _l("申诉中"), "appeal_upheld": _l("申诉成立"), "appeal_rejected": _l("申诉驳回")}
GRADE_LABELS = {1: _l("非常满意"), 2: _l("满意"), 3: _l("基本满意"), 4: _l("不满意"), 5: _l("非常不满意")}
CHANNEL_LABELS = {"window": _l("窗口"), "web": _l("网站"), "app": _l("移动端"), "sms": _l("短信")}
#: URL step → (service call, who, the flash on success)
STEPS = {
    "rectify": (lambda user, rating_id, form: services.rectify(user, rating_id, form["text"]),
                DEPARTMENT_DECIDERS, _l("整改情况已提交，待电子监察复核")),
    "appeal": (lambda user, rating_id, form: services.appeal(user, rating_id, form["text"]),
               DEPARTMENT_DECIDERS, _l("申诉已提交，待电子监察复核")),
    "review": (lambda user, rating_id, form: services.review_rectification(user, rating_id, form["decision"],
                                                                           form["text"]),
               ("supervisor",), _l("整改复核已记录")),
    "appeal-decision": (lambda user, rating_id, form: services.decide_appeal(user, rating_id, form["decision"],
                                                                             form["text"]),
                        ("supervisor",), _l("申诉复核已记录")),
}
DECISIONS = {"review": ("accepted", "returned"), "appeal-decision": ("upheld", "rejected")}


@bp.get("")
@roles_required(*READERS)
def index():
    user = session_user()
    state = request.args.get("state") if request.args.get("state") in FOLLOW_UP_STATES else None
    bad_only = request.args.get("all") != "1"
    page = min(max(1, request.args.get("page", 1, type=int)), 100000)
    result = paginate(services.ratings_query(user, state, bad_only=bad_only), page, PER_PAGE)
    return render_template("ratings/index.html", result=result, state=state, bad_only=bad_only,
                           states=STATE_LABELS, grades=GRADE_LABELS, channels=CHANNEL_LABELS,
                           department_decider=user.role in DEPARTMENT_DECIDERS, supervisor=user.role == "supervisor")


@bp.post("/<int:rating_id>/<any(rectify, appeal, review, 'appeal-decision'):step>")
@roles_required(*READERS)
def act(rating_id, step):
    action, roles, done = STEPS[step]
    user = session_user()
    back = redirect(request.form.get("back") if (request.form.get("back") or "").startswith("/ratings")
                    else url_for("web_ratings.index"))
    if user.role not in roles:
        flash(_("当前角色无权执行此操作"), "error")
        return back
    form = {"text": (request.form.get("text") or "").strip()[:1000], "decision": request.form.get("decision")}
    if step in DECISIONS and form["decision"] not in DECISIONS[step]:
        flash(_("请选择复核结论"), "error")
        return back
    if step in ("rectify", "appeal") and not form["text"]:
        flash(_("请填写整改情况") if step == "rectify" else _("申诉须说明理由"), "error")
        return back
    _rating, error = attempt(action, user, rating_id, form)
    flash(error.message if error else str(done), "error" if error else "success")
    return back
