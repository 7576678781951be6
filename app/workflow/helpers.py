"""Whitelisted functions that BPMN expressions may call (registered in the restricted script engine).

Timer expressions are Python and must evaluate to a timezone-aware ISO string (SPIFFWORKFLOW_NOTES §4),
so a step limit is written in the diagram as ``<bpmn:timeDate>working_days_from_now(2)</bpmn:timeDate>``.
"""
import logging
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from app.calendar.workdays import UnknownCalendarYear, default_calendar

logger = logging.getLogger(__name__)

#: working days are local dates of the service centre; a step ends at the end of its last working day
STEP_TIMEZONE = "Asia/Shanghai"
END_OF_DAY = time(23, 59, 59)


def _calendar():
    """The working calendar with the administrator's overrides when an app context is there."""
    try:
        from flask import has_app_context

        if has_app_context():
            from app.calendar.services import working_calendar

            return working_calendar()
    except ImportError:  # pragma: no cover - the overrides module is optional
        pass
    return default_calendar()


def step_due(start: datetime, limit_days: int, tz: str = STEP_TIMEZONE) -> datetime:
    """End (23:59:59 local) of the ``limit_days``-th working day after the local date of ``start``.

    A year without holiday data cannot be counted in working days; rather than refusing the step (which
    would block the case), the reminder falls back to natural days, which is earlier and logged.
    """
    zone = ZoneInfo(tz)
    start_day: date = start.astimezone(zone).date()
    days = int(limit_days)
    try:
        end_day = _calendar().add_working_days(start_day, days)
    except UnknownCalendarYear as exc:
        logger.warning("step limit counted in natural days: %s", exc)
        end_day = start_day + timedelta(days=days)
    return datetime.combine(end_day, END_OF_DAY, tzinfo=zone)


def working_days_from_now(limit_days) -> str:
    """Timer expression helper: the due time of a step with a limit of ``limit_days`` working days, as an
    ISO string with its UTC offset (what SpiffWorkflow's timeDate needs).

    It reads the real clock, like the engine does when it decides whether a timer fired: a test that
    freezes the case lifecycle's clock in the past must not see step timers fire on acceptance. The
    scheduler fires timers against an explicit ``now`` (see app/workflow/timers.py)."""
    return step_due(datetime.now(timezone.utc), limit_days).isoformat()


SCRIPT_HELPERS = {"working_days_from_now": working_days_from_now}
