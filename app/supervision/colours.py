"""Colour and remaining working days of a running case, for task lists (green > 1 left, yellow 0–1, red
overdue by default; thresholds in the rules file). Computed per request, never stored."""
import logging

from flask import g

from app.calendar.services import working_calendar
from app.calendar.workdays import UnknownCalendarYear
from app.cases import lifecycle

from .levels import LevelCalculator
from .rules import load_rules

logger = logging.getLogger(__name__)

COLOUR_LABELS = {"green": "正常", "yellow": "临期", "red": "超期"}
_NOT_MEASURED = {"remaining_working_days": None, "colour": None}


def _calculator() -> LevelCalculator:
    calculator = g.get("_task_colour_calculator")
    if calculator is None:
        calculator = LevelCalculator(lifecycle.local_now().date(), working_calendar(), load_rules())
        g._task_colour_calculator = calculator
    return calculator


def case_time_status(case) -> dict:
    """{remaining_working_days, colour} of a case whose clock runs or is paused; None values otherwise
    (not accepted yet, decided, or a deadline in a year without holiday data)."""
    if case.deadline is None or case.decided_at is not None or case.status != "in_progress":
        return _NOT_MEASURED
    paused_on = lifecycle.local_date(case.paused_since) if case.paused_since is not None else None
    try:
        measure = _calculator().task(case.deadline, case.legal_deadline, paused_on)
    except UnknownCalendarYear as exc:
        logger.warning("no colour for case %s: %s", case.case_no, exc)
        return _NOT_MEASURED
    return {"remaining_working_days": measure.remaining_promised, "colour": measure.level}
