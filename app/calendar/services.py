"""The working calendar of the service centre: the statutory calendar plus the administrator's overrides.

:func:`working_calendar` is what every deadline computation uses. It is built once per application
context (one request, or one scheduler job) from the ``calendar_overrides`` table and cached on
``flask.g``; changing an override drops the cached copy. Services flush, the request commits.
"""
import datetime as dt
import logging

import sqlalchemy as sa
from flask import g

from app.admin import audit
from app.errors import Conflict, NotFound
from app.extensions import db

from .models import CalendarOverride
from .workdays import UnknownCalendarYear, WorkingCalendar

logger = logging.getLogger(__name__)

_G_KEY = "_working_calendar"


def working_calendar() -> WorkingCalendar:
    """The statutory calendar with the DB overrides applied (cached for the current app context)."""
    calendar = g.get(_G_KEY)
    if calendar is None:
        rows = db.session.execute(sa.select(CalendarOverride.day, CalendarOverride.is_working_day)).all()
        calendar = WorkingCalendar({day: working for day, working in rows})
        setattr(g, _G_KEY, calendar)
    return calendar


def forget_working_calendar() -> None:
    g.pop(_G_KEY, None)


def calendar_conflict(error: UnknownCalendarYear, action: str = "计算办理期限") -> Conflict:
    """The 409 for a year without holiday data: nothing the caller sent is wrong, the calendar must be
    maintained first, so this is a conflict with the system's state, not invalid input."""
    message = (f"尚未维护{error.year}年的法定节假日安排，无法{action}。请系统管理员在工作日历中录入{error.year}年的"
               f"节假日和调休安排（PUT /api/v1/calendar/overrides/<日期>）后重试。")
    return Conflict(message, {"calendar": {"missing_year": error.year}})


def list_overrides(year: int | None = None) -> list[CalendarOverride]:
    query = sa.select(CalendarOverride)
    if year is not None:
        query = query.where(CalendarOverride.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return db.session.scalars(query.order_by(CalendarOverride.day)).all()


def _audited(override) -> dict:
    return {"day": override.day.isoformat(), "is_working_day": override.is_working_day, "note": override.note}


def set_override(actor, day: dt.date, is_working_day: bool, note: str | None) -> CalendarOverride:
    """Create or replace the override of ``day``. Deadlines already set on accepted cases are not moved
    (they were notified to the applicant); supervision counts remaining days with the new calendar."""
    override = db.session.scalars(sa.select(CalendarOverride).where(CalendarOverride.day == day)).first()
    before = None
    if override is None:
        override = CalendarOverride(day=day)
        db.session.add(override)
    else:
        before = _audited(override)
    override.is_working_day = is_working_day
    override.note = (note or "").strip()
    override.updated_by_id = actor.id
    db.session.flush()
    audit.record(actor, "create" if before is None else "update", "calendar_override", day.isoformat(), None,
                 before, _audited(override))
    forget_working_calendar()
    logger.info("calendar override %s -> %s by %s", day, "working" if is_working_day else "off", actor.username)
    return override


def delete_override(actor, day: dt.date) -> None:
    override = db.session.scalars(sa.select(CalendarOverride).where(CalendarOverride.day == day)).first()
    if override is None:
        raise NotFound(f"{day.isoformat()} 没有工作日历调整记录")
    audit.record(actor, "delete", "calendar_override", day.isoformat(), None, _audited(override), None)
    db.session.delete(override)
    db.session.flush()
    forget_working_calendar()
    logger.info("calendar override %s removed by %s", day, actor.username)
