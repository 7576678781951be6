"""The window's lists for the day: 今日收件 (cases received today at this window), 我的今日工作 (what the clerk
did today), 待出件 (paged and searchable, with batch 出件 to one recipient) — each exportable to Excel with
the filters on the page. Queries in app.cases.search; 出件 by app.cases.issuance."""
import logging

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.cases import lifecycle, search
from app.cases.events import EVENT_LABELS
from app.cases.issuance import issue_cases
from app.cases.models import Case, CaseEvent
from app.cases.schemas import BatchIssueSchema
from app.catalogue.models import ServiceItem
from app.exports.xlsx import xlsx_response
from app.extensions import db
from app.supervision.rules import LEVEL_LABELS
from app.themes.models import ThemeChild

from .answers import loaded
from .common import attempt, field_messages, page_blueprint, roles_required, session_user
from .exports import case_list_export
from .filters import local_time

logger = logging.getLogger(__name__)

bp = page_blueprint("web_window_lists", __name__, url_prefix="/window")


def _today_start():
    return search.local_day_start(lifecycle.local_now().date())


def _received_today(user):
    """Cases received today at the clerk's window (or, for a clerk without a window, by the clerk)."""
    mine = Case.window_id == user.window_id if user.window_id is not None else Case.created_by_id == user.id
    return (mine, Case.received_at >= _today_start())


def _list_page(template, extra_where, export_endpoint, **context):
    user = session_user()
    filters, problems = search.parse_filters(request.args)
    page = search.case_page(user, filters, extra_where)
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(template, page=page, filters=filters, problems=problems, args=args,
                           sort_labels=search.SORT_LABELS, page_sizes=search.PAGE_SIZES, level_labels=LEVEL_LABELS,
                           export_url=url_for(export_endpoint, **args), **context)


@bp.get("/today")
@roles_required("clerk")
def today():
    """今日收件"""
    return _list_page("window/today.html", _received_today(session_user()), "web_window_lists.today_export",
                      title=_("今日收件"), endpoint="web_window_lists.today")


@bp.get("/today/export.xlsx")
@roles_required("clerk")
def today_export():
    user = session_user()
    filters, _problems = search.parse_filters(request.args)
    return case_list_export(_("今日收件"), search.export_rows(user, filters, _received_today(user)), user)


#: 待出件 of single cases: a theme's member cases are issued together from the theme's page (统一出件)
_AWAITING = (Case.status == "awaiting_issue", ~sa.exists().where(ThemeChild.case_id == Case.id))


@bp.get("/issuance")
@roles_required("clerk")
def issuance():
    """待出件: the cases whose result is ready, with batch 出件"""
    return _list_page("window/issuance.html", _AWAITING, "web_window_lists.issuance_export",
                      title=_("待出件"), endpoint="web_window_lists.issuance", problems_issue={},
                      values=request.form)


@bp.get("/issuance/export.xlsx")
@roles_required("clerk")
def issuance_export():
    user = session_user()
    filters, _problems = search.parse_filters(request.args)
    return case_list_export(_("待出件"), search.export_rows(user, filters, _AWAITING), user)


@bp.post("/issuance/batch")
@roles_required("clerk")
def issue_batch():
    """批量出件 to one recipient: every ticked case or none; errors named next to the fields."""
    user = session_user()
    payload = {"case_nos": [v[:50] for v in request.form.getlist("case_nos")][:50], "method": "window",
               "recipient": (request.form.get("recipient") or "").strip()[:100] or None,
               "recipient_id_number": (request.form.get("recipient_id_number") or "").strip()[:18] or None,
               "authorised": request.form.get("authorised") == "y", "confirmed": True}
    data, error = loaded(BatchIssueSchema(), payload)
    if error is None:
        case_nos = data.pop("case_nos")
        issued, error = attempt(issue_cases, user, case_nos, data)
        if error is None:
            flash(_("已出件 %(n)s 件，领取人：%(name)s", n=len(issued), name=data["recipient"]), "success")
            logger.info("window %s issued %d cases in one batch", user.username, len(issued))
            return redirect(url_for("web_window_lists.issuance"))
    problems = field_messages(error)
    filters, _problems = search.parse_filters(request.args)
    page = search.case_page(user, filters, _AWAITING)
    return render_template("window/issuance.html", page=page, filters=filters, problems={}, args={},
                           sort_labels=search.SORT_LABELS, page_sizes=search.PAGE_SIZES, level_labels=LEVEL_LABELS,
                           export_url=url_for("web_window_lists.issuance_export"), title=_("待出件"),
                           endpoint="web_window_lists.issuance", problems_issue=problems or {"": error.message},
                           issue_message=error.message, values=request.form,
                           ticked=set(payload["case_nos"])), 422


# -- 我的今日工作 ------------------------------------------------------------------------------------------
MY_DAY_SIZE = 50


def _my_events(user):
    return (sa.select(CaseEvent, Case.case_no, ServiceItem.name).join(Case, CaseEvent.case_id == Case.id)
            .join(ServiceItem, Case.item_id == ServiceItem.id)
            .where(CaseEvent.actor_id == user.id, CaseEvent.occurred_at >= _today_start()))


@bp.get("/my-day")
@roles_required("clerk")
def my_day():
    """我的今日工作: today's actions of the clerk, counted per kind and listed newest first (paged)."""
    user = session_user()
    mine = _my_events(user)
    counts = db.session.execute(mine.with_only_columns(CaseEvent.action, sa.func.count(CaseEvent.id))
                                .group_by(CaseEvent.action).order_by(CaseEvent.action)).all()
    total = sum(n for _action, n in counts)
    page_no = max(1, request.args.get("page", 1, type=int) or 1)
    rows = db.session.execute(mine.order_by(CaseEvent.occurred_at.desc(), CaseEvent.id.desc())
                              .limit(MY_DAY_SIZE).offset((page_no - 1) * MY_DAY_SIZE)).all()
    page = search.Page(rows, total, page_no, MY_DAY_SIZE)
    return render_template("window/my_day.html", page=page, counts=counts, event_labels=EVENT_LABELS,
                           today=lifecycle.local_now().date(), args={}, page_sizes=())


@bp.get("/my-day/export.xlsx")
@roles_required("clerk")
def my_day_export():
    user = session_user()
    query = (_my_events(user).with_only_columns(CaseEvent.occurred_at, CaseEvent.action, Case.case_no,
                                                ServiceItem.name, CaseEvent.step)
             .order_by(CaseEvent.occurred_at.desc(), CaseEvent.id.desc()))

    def rows():
        result = db.session.execute(query.execution_options(yield_per=1000))
        try:
            for occurred, action, case_no, item, step in result:
                yield (local_time(occurred), _(EVENT_LABELS.get(action, action)), case_no, item, step)
        finally:
            result.close()

    header = [_("时间"), _("操作"), _("办件编号"), _("事项"), _("环节")]
    return xlsx_response(_("我的今日工作") + ".xlsx", [(_("我的今日工作"), header, rows())])

