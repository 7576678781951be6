"""Colour of a task by the remaining working days of its case (green > 1, yellow 0–1, red overdue).

Uses the supervision rules (``app.supervision.colours.case_time_status``) when that package provides them;
otherwise counts on the working calendar here (statutory holidays, 调休 and the administrator's overrides)."""
import logging
from dataclasses import dataclass

from app.calendar.services import working_calendar
from app.calendar.workdays import UnknownCalendarYear
from app.cases import lifecycle

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Urgency:
    colour: str  # green | yellow | red | paused | none
    remaining: int | None
    deadline: object
    step_overdue: bool = False  # the step's own limit has passed


@dataclass(frozen=True)
class UrgencyContext:
    today: object
    calendar: object


def urgency_context() -> UrgencyContext:
    return UrgencyContext(today=lifecycle.local_now().date(), calendar=working_calendar())


def _supervision_colours():
    try:
        from app.supervision.colours import case_time_status
    except ImportError:  # supervision not installed in this build
        return None
    return case_time_status


def task_urgency(case, context: UrgencyContext) -> Urgency:
    if case.paused_since is not None and case.deadline is not None and case.decided_at is None:
        return Urgency("paused", None, case.deadline)
    measure = _supervision_colours()
    if measure is not None:
        status = measure(case)
        colour = {"warning": "yellow"}.get(status["colour"], status["colour"]) or "none"
        return Urgency(colour, status["remaining_working_days"], case.deadline)
    return _calendar_urgency(case, context)


def _calendar_urgency(case, context: UrgencyContext) -> Urgency:
    deadline = case.deadline
    if deadline is None or case.decided_at is not None:
        return Urgency("none", None, deadline)
    if case.paused_since is not None:  # 特别程序 / 补正: the clock stands still
        return Urgency("paused", None, deadline)
    try:
        remaining = context.calendar.remaining_working_days(context.today, deadline)
    except UnknownCalendarYear:
        logger.warning("no holiday data to colour case %s (deadline %s)", case.case_no, deadline)
        return Urgency("none", None, deadline)
    if context.today > deadline:
        colour = "red"
    elif remaining <= 1:
        colour = "yellow"
    else:
        colour = "green"
    return Urgency(colour, remaining, deadline)


def step_urgency(task, context: UrgencyContext, colour: str | None = None) -> Urgency:
    """A task's urgency: its case's, but red once the step's own limit (``due_at``) has passed. ``colour``:
    the colour the inbox query computed (app.tasks.inbox), so the badge and the colour filter agree."""
    urgency = task_urgency(task.case, context)
    overdue_step = task.due_at is not None and task.due_at < lifecycle.now_utc()
    if colour is None:
        colour = "red" if overdue_step and urgency.colour != "paused" else urgency.colour
    return Urgency(colour, urgency.remaining, urgency.deadline, step_overdue=overdue_step)
