"""Deadline and 电子监察 colour of a record: the limit (rules/feedback.toml) in working days from the day of
submission; while no answer is signed off a record is green, yellow (near due) or red (overdue)."""
import logging

from app.calendar.services import calendar_conflict, working_calendar
from app.calendar.workdays import UnknownCalendarYear
from app.cases import lifecycle

from .models import OPEN_STATES
from .rules import feedback_rules

logger = logging.getLogger(__name__)

COLOUR_LABELS = {"green": "正常", "yellow": "临期", "red": "超期"}


def deadline_for(kind: str, submitted_on):
    try:
        return working_calendar().add_working_days(submitted_on, feedback_rules().limits[kind])
    except UnknownCalendarYear as exc:
        raise calendar_conflict(exc, "计算答复期限") from exc


def time_status(record) -> dict:
    """{remaining_working_days, colour, on_time}: remaining days and colour while the limit runs; once
    answered, whether the answer came within the limit."""
    if record.state not in OPEN_STATES:
        answered_on = lifecycle.local_date(record.answered_at) if record.answered_at else None
        return {"remaining_working_days": None, "colour": None,
                "on_time": answered_on <= record.deadline if answered_on else None}
    today = lifecycle.local_now().date()
    try:
        remaining = working_calendar().remaining_working_days(today, record.deadline)
    except UnknownCalendarYear as exc:
        logger.warning("no colour for feedback %s: %s", record.number, exc)
        return {"remaining_working_days": None, "colour": None, "on_time": None}
    overdue = today > record.deadline  # by date: a Friday limit seen on Saturday leaves 0 days, and is overdue
    colour = "red" if overdue else feedback_rules().colour(remaining)
    return {"remaining_working_days": remaining, "colour": colour, "on_time": not overdue}
