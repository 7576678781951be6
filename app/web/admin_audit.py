"""机构管理 · 操作日志 and 工作日历: the admin audit trail (paged; filtered by actor, action, record type and
date range) and the calendar overrides (法定节假日之外的放假、调休、临时停止办公), whose every change lands in
the same trail (app.calendar.services records it)."""
import datetime as dt
import logging
from zoneinfo import ZoneInfo

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.admin import audit
from app.admin.models import AUDIT_ACTIONS, AUDIT_ENTITIES
from app.admin.paging import paginate
from app.calendar import services as calendar

from .common import attempt, page_blueprint, roles_required, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_admin_audit", __name__, url_prefix="/admin")

PER_PAGE = 30


def _date(name: str) -> dt.date | None:
    """A filter date, or None when absent, malformed or outside 2000–2100 (the filter is then not applied)."""
    try:
        day = dt.date.fromisoformat(request.args.get(name) or "") if request.args.get(name) else None
    except ValueError:
        return None
    return day if day is not None and dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31) else None


def _utc_midnight(day: dt.date) -> dt.datetime:
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    return dt.datetime.combine(day, dt.time(), zone).astimezone(dt.timezone.utc)


@bp.get("/audit")
@roles_required("admin")
def audit_log():
    filters = {
        "actor": request.args.get("actor", "").strip()[:80] or None,
        "action": request.args.get("action") if request.args.get("action") in AUDIT_ACTIONS else None,
        "entity_type": request.args.get("entity_type") if request.args.get("entity_type") in AUDIT_ENTITIES else None,
    }
    date_from, date_to = _date("from"), _date("to")
    query = audit.audit_query(
        session_user(), filters["entity_type"], None, filters["actor"], filters["action"],
        _utc_midnight(date_from) if date_from else None,
        _utc_midnight(date_to + dt.timedelta(days=1)) if date_to else None)
    page = min(max(1, request.args.get("page", 1, type=int)), 100000)
    result = paginate(query, page, PER_PAGE)
    args = {k: v for k, v in filters.items() if v}
    if date_from:
        args["from"] = date_from.isoformat()
    if date_to:
        args["to"] = date_to.isoformat()
    return render_template("admin/audit.html", result=result, filters=filters, date_from=date_from,
                           date_to=date_to, args=args, actions=AUDIT_ACTIONS, entities=AUDIT_ENTITIES)


def _calendar_page(errors=None, values=None, status=200):
    year = request.args.get("year", type=int)
    if year is not None and not 2000 <= year <= 2100:
        year = None
    return render_template("admin/calendar.html", overrides=calendar.list_overrides(year), year=year,
                           errors=errors or {}, values=values or {}), status


@bp.get("/calendar")
@roles_required("admin")
def calendar_overrides():
    return _calendar_page()


@bp.post("/calendar")
@roles_required("admin")
def set_calendar_override():
    values = {name: (request.form.get(name) or "").strip() for name in ("day", "kind", "note")}
    errors = {}
    try:
        day = dt.date.fromisoformat(values["day"])
    except ValueError:
        day, errors["day"] = None, _("日期格式应为 YYYY-MM-DD")
    if day is not None and not dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31):
        errors["day"] = _("日期应在 2000 年至 2100 年之间")
    if values["kind"] not in ("working", "off"):
        errors["kind"] = _("请选择上班或放假")
    if len(values["note"]) > 200:
        errors["note"] = _("说明不能超过 200 字")
    if errors:
        return _calendar_page(errors, values, 422)
    _override, error = attempt(calendar.set_override, session_user(), day, values["kind"] == "working",
                               values["note"])
    if error is not None:
        return _calendar_page({"_": error.message}, values, error.status)
    flash(_("已保存 %(day)s 的工作日历调整", day=day.isoformat()), "success")
    return redirect(url_for("web_admin_audit.calendar_overrides", year=day.year))


@bp.post("/calendar/<day>/delete")
@roles_required("admin")
def delete_calendar_override(day):
    try:
        parsed = dt.date.fromisoformat(day)
    except ValueError:
        return _calendar_page({"_": _("日期格式应为 YYYY-MM-DD")}, status=422)
    _none, error = attempt(calendar.delete_override, session_user(), parsed)
    flash(error.message if error else _("已删除 %(day)s 的调整，恢复法定日历", day=parsed.isoformat()),
          "error" if error else "success")
    return redirect(url_for("web_admin_audit.calendar_overrides", year=parsed.year))
