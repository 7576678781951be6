"""站内通知 for staff: the bell in the page header with the unread count (every staff page), the list
(``/notifications``, newest first, paged) and marking one or all read. The notifications are the ones
app.notifications creates (催办, 转办 / 委派 / 加签, 环节超期, 即将到期, 差评整改, 撤件 …); a notification to a
group (``SCJGJ:approver``) is read for the whole group once one member reads it."""
import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.notifications import services
from app.notifications.models import NOTIFICATION_KINDS
from app.tasks.display import task_step_label

from .common import attempt, error_page, login_required, page_blueprint, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_notifications", __name__, url_prefix="/notifications")

PER_PAGE = 20


@bp.get("")
@login_required
def index():
    user = session_user()
    unread = request.args.get("unread") == "1"
    try:
        page = max(int(request.args.get("page", "1")), 1)
    except ValueError:
        return error_page(422, _("页码须为正整数：page"))
    rows, total = services.notifications_page(user, page=page, per_page=PER_PAGE, unread=unread)
    pages = max((total + PER_PAGE - 1) // PER_PAGE, 1)
    return render_template("notifications/index.html", rows=rows, total=total, page=page, pages=pages,
                           unread=unread, kinds=NOTIFICATION_KINDS)


@bp.post("/<int:notification_id>/read")
@login_required
def read(notification_id):
    user = session_user()
    notification, error = attempt(services.mark_read, user, notification_id)
    if error is not None:
        return error_page(error.status, error.message)
    if request.form.get("open") == "case":
        return redirect(url_for("web_cases.show", case_no=notification.case.case_no), code=303)
    only_unread = {"unread": 1} if request.form.get("next_page") == "unread" else {}
    return redirect(url_for("web_notifications.index", **only_unread), code=303)


@bp.post("/read-all")
@login_required
def read_all():
    count, error = attempt(services.mark_all_read, session_user())
    if error is not None:
        return error_page(error.status, error.message)
    flash(_("已将 %(n)s 条通知标为已读", n=count), "success")
    return redirect(url_for("web_notifications.index"), code=303)


def register(app) -> None:
    """The bell's count on every staff page, and the task label of joint steps (app.tasks.display)."""
    app.add_template_global(task_step_label, "task_step_label")

    @app.context_processor
    def _bell():
        if not (request.blueprint or "").startswith("web_"):
            return {}
        user = session_user()
        return {"unread_notifications": services.unread_count(user) if user is not None else 0}
