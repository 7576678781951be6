"""Per-department figures for a period [date_from, date_to] (local dates, both included).

For each department (the implementing department of the item, i.e. the lead department):

* accepted — cases accepted in the period;
* finished — cases decided (办结: 准予/不予许可) in the period; on_time — of those, decided on or before
  the (possibly moved) promised deadline; on_time_rate = on_time / finished (None when nothing finished);
* overdue — cases decided late in the period, plus running cases already past their promised deadline
  at the end of the period (or today, if the period has not ended; a paused case is measured as of the
  day before its pause began);
* average_working_days_used — for cases finished in the period, working days in (accepted, decided]
  minus the working days their clock was paused; None when nothing finished.
"""
import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from app.calendar.services import calendar_conflict, working_calendar
from app.calendar.workdays import UnknownCalendarYear
from app.cases import lifecycle
from app.cases.models import Case
from app.catalogue.models import ServiceItem
from app.clock.models import CasePause
from app.errors import InvalidInput
from app.extensions import db
from app.network.models import Department, Region
from app.network.scope import within

_ONE_DAY = dt.timedelta(days=1)


def _utc_bounds(date_from: dt.date, date_to: dt.date) -> tuple[dt.datetime, dt.datetime]:
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    start = dt.datetime.combine(date_from, dt.time(), zone)
    end = dt.datetime.combine(date_to + _ONE_DAY, dt.time(), zone)
    return start.astimezone(dt.timezone.utc), end.astimezone(dt.timezone.utc)


def figures_by(key, date_from: dt.date, date_to: dt.date, today: dt.date, where=sa.true()) -> dict:
    """key value → {accepted, finished, on_time, overdue, days_used} over the cases matching ``where``;
    ``key`` is a SQL expression on Case / ServiceItem (the lead department's code, a region code prefix,
    the receiving centre, window or clerk)."""
    if date_to < date_from:
        raise InvalidInput("统计截止日期不能早于起始日期", {"query": {"to": ["统计截止日期不能早于起始日期"]}})
    start, end = _utc_bounds(date_from, date_to)
    base = (sa.select(Case.id, Case.accepted_at, Case.decided_at, Case.deadline, Case.paused_since,
                      key.label("key")).join(ServiceItem, Case.item_id == ServiceItem.id).where(where))

    accepted = db.session.execute(
        sa.select(key.label("key"), sa.func.count()).select_from(Case).join(ServiceItem, Case.item_id == ServiceItem.id)
        .where(where, Case.accepted_at >= start, Case.accepted_at < end).group_by(key)).all()
    as_of = min(date_to, today)
    finished = db.session.execute(base.where(Case.decided_at >= start, Case.decided_at < end,
                                             Case.accepted_at.is_not(None))).all()
    # a running case can be overdue at the end of the period only if its deadline lies before it
    running = db.session.execute(base.where(Case.status == "in_progress", Case.decided_at.is_(None),
                                            Case.deadline.is_not(None), Case.deadline < as_of)).all()
    paused_days = dict(db.session.execute(
        sa.select(CasePause.case_id, sa.func.sum(CasePause.paused_working_days))
        .where(CasePause.case_id.in_([row.id for row in finished]), CasePause.ended_at.is_not(None))
        .group_by(CasePause.case_id)).all()) if finished else {}

    calendar = working_calendar()
    figures = defaultdict(empty_figures)
    for group, count in accepted:
        figures[group]["accepted"] += count
    try:
        for row in finished:
            numbers = figures[row.key]
            decided_on = lifecycle.local_date(row.decided_at)
            numbers["finished"] += 1
            if decided_on <= row.deadline:
                numbers["on_time"] += 1
            else:
                numbers["overdue"] += 1
            used = calendar.working_days_between(lifecycle.local_date(row.accepted_at), decided_on)
            numbers["days_used"].append(max(used - (paused_days.get(row.id) or 0), 0))
    except UnknownCalendarYear as exc:
        raise calendar_conflict(exc, "统计办理用时") from exc
    for row in running:
        measured_on = as_of
        if row.paused_since is not None:
            measured_on = min(as_of, lifecycle.local_date(row.paused_since) - _ONE_DAY)
        if lifecycle.local_date(row.accepted_at) <= as_of and measured_on > row.deadline:
            figures[row.key]["overdue"] += 1
    return figures


def empty_figures() -> dict:
    return {"accepted": 0, "finished": 0, "on_time": 0, "overdue": 0, "days_used": []}


def summarise(numbers: dict) -> dict:
    days = numbers["days_used"]
    return {
        "accepted": numbers["accepted"],
        "finished": numbers["finished"],
        "on_time": numbers["on_time"],
        "on_time_rate": round(numbers["on_time"] / numbers["finished"], 4) if numbers["finished"] else None,
        "overdue": numbers["overdue"],
        "average_working_days_used": round(sum(days) / len(days), 2) if days else None,
    }


def department_statistics(date_from: dt.date, date_to: dt.date, today: dt.date, region=None) -> list[dict]:
    """Per lead department; ``region`` keeps the departments of that region (and below) and the cases
    handled there."""
    dept_of_case = sa.select(Department.code).where(Department.id == ServiceItem.department_id).scalar_subquery()
    where = within(region, Case.handling_region_code) if region is not None else sa.true()
    figures = figures_by(dept_of_case, date_from, date_to, today, where)
    query = sa.select(Department.code, Department.name).order_by(Department.code)
    if region is not None:
        query = query.join(Region, Department.region_id == Region.id).where(within(region, Region.code))
    departments = db.session.execute(query).all()
    return [{"department": code, "department_name": name, **summarise(figures.get(code) or empty_figures())}
            for code, name in departments]
