"""电子监察 pages: warning / yellow / red cases, cards and appeals to decide, per-department figures with
small inline SVG charts. Everything comes from ``app.supervision``; without it the page says so."""
import datetime as dt
import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.cases import lifecycle
from app.themes.access import WATCHED_LEVELS, visible_theme_cases
from app.themes.results import theme_level

from .common import attempt, error_page, page_blueprint, roles_required, session_user
from .forms import PostForm
from .supervision_data import AXIS_LABELS, CHART_TITLES, LABELS, TABS, charts, drill_from, drill_rows

logger = logging.getLogger(__name__)

bp = page_blueprint("web_supervision", __name__, url_prefix="/supervision")

LEVELS = ("warning", "yellow", "red")
TREND_MONTHS = 6
CARD_READERS = ("handler", "reviewer", "approver", "head")  # the carded department's own page


def _supervision():
    try:
        from app.supervision import cards, services, statistics
        from app.supervision.models import APPEAL_DECISIONS, CARD_STATUSES
        from app.supervision.rules import LEVEL_LABELS
    except ImportError as exc:
        logger.warning("supervision unavailable: %s", exc)
        return None
    return {"cards": cards, "services": services, "statistics": statistics, "level_labels": LEVEL_LABELS,
            "card_statuses": CARD_STATUSES, "appeal_decisions": APPEAL_DECISIONS}


def _month_starts(today: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """The last ``count`` calendar months up to today, as (first day, last day or today)."""
    months, first = [], today.replace(day=1)
    for _i in range(count):
        next_month = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        last = min(today, next_month - dt.timedelta(days=1))
        months.append((first, last))
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return list(reversed(months))


@bp.get("")
@roles_required("supervisor")
def index():
    sv = _supervision()
    if sv is None:
        return render_template("supervision/index.html", enabled=False)
    user, today = session_user(), lifecycle.local_now().date()
    # a district supervisor's page shows its district only; the drill-down narrows it to a region inside
    drill = drill_from(request.args, user, today)
    date_from, date_to, region = drill.date_from, drill.date_to, drill.region
    by_level = {level: sv["services"].supervised_cases(today, level=level, limit=50, region=region)
                for level in LEVELS}
    cards = sv["cards"].visible_cards(user, limit=100)
    # 一件事: the theme's own clock, beside its member cases' (listed with the cases above)
    theme_cases = [(c, theme_level(c)) for c in visible_theme_cases(user, levels=WATCHED_LEVELS)]
    stats = sv["statistics"].department_statistics(date_from, date_to, today, region)
    trend = []
    for first, last in _month_starts(today, TREND_MONTHS):
        rows = sv["statistics"].department_statistics(first, last, today, region)
        finished = sum(r["finished"] for r in rows)
        on_time = sum(r["on_time"] for r in rows)
        trend.append({"month": first.strftime("%Y-%m"), "overdue": sum(r["overdue"] for r in rows),
                      "on_time_rate": (on_time / finished) if finished else None})
    return render_template(
        "supervision/index.html", enabled=True, by_level=by_level, cards=cards, stats=stats, trend=trend,
        theme_cases=theme_cases,
        drill=drill, drill_rows=drill_rows(drill, today), drill_tabs=TABS, drill_labels=LABELS,
        charts=charts(date_from, date_to, today, region, stats), chart_titles=CHART_TITLES, axis_labels=AXIS_LABELS,
        date_from=date_from, date_to=date_to, level_labels=sv["level_labels"],
        card_statuses=sv["card_statuses"], appeal_decisions=sv["appeal_decisions"], form=PostForm(),
    )


@bp.post("/cards/<int:card_id>/decision")
@roles_required("supervisor")
def decide(card_id):
    sv = _supervision()
    if sv is None:
        return error_page(503, _("电子监察尚未启用"))
    PostForm().validate_on_submit()
    payload = {"decision": request.form.get("decision", ""), "note": (request.form.get("note") or "").strip()}
    if payload["decision"] not in sv["appeal_decisions"]:
        flash(_("请选择处理决定"), "error")
        return redirect(url_for("web_supervision.index"))
    _card, error = attempt(sv["cards"].decide_appeal, session_user(), card_id, payload)
    flash(error.message if error else _("申诉已处理"), "error" if error else "success")
    return redirect(url_for("web_supervision.index"))


@bp.post("/recompute")
@roles_required("supervisor")
def recompute():
    """Run the supervision sweep now (the scheduler runs the same job periodically)."""
    sv = _supervision()
    if sv is None:
        return error_page(503, _("电子监察尚未启用"))
    result, error = attempt(sv["services"].recompute_levels, lifecycle.now_utc())
    if error is not None:
        flash(error.message, "error")
    else:
        flash(_("监察等级已重新计算，新发监察牌 %(n)s 张", n=result.get("cards_issued", 0)), "success")
    return redirect(url_for("web_supervision.index"))


@bp.get("/cards")
@roles_required(*CARD_READERS)
def department_cards():
    """The carded department's cards; its head or approver appeals one with a reason (申诉)."""
    sv = _supervision()
    if sv is None:
        return error_page(503, _("电子监察尚未启用"))
    user = session_user()
    status = request.args.get("status") if request.args.get("status") in sv["card_statuses"] else None
    return render_template("supervision/cards.html", cards=sv["cards"].visible_cards(user, status=status, limit=200),
                           status=status, level_labels=sv["level_labels"], card_statuses=sv["card_statuses"],
                           appeal_decisions=sv["appeal_decisions"], may_appeal=user.role in ("approver", "head"))


@bp.post("/cards/<int:card_id>/appeal")
@roles_required("approver", "head")
def appeal(card_id):
    sv = _supervision()
    if sv is None:
        return error_page(503, _("电子监察尚未启用"))
    reason = (request.form.get("reason") or "").strip()[:2000]
    if not reason:
        flash(_("申诉须说明理由"), "error")
        return redirect(url_for("web_supervision.department_cards"))
    _card, error = attempt(sv["cards"].appeal_card, session_user(), card_id, {"reason": reason})
    flash(error.message if error else _("申诉已提交，待电子监察处理"), "error" if error else "success")
    return redirect(url_for("web_supervision.department_cards"))
