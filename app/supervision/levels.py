"""Measuring a case against its limits: remaining working days and the level the rules give.

* A running case is measured on ``today``: remaining = working days in (today, deadline], negative when
  overdue (see WorkingCalendar.remaining_working_days).
* A paused case is measured as of the day before its pause began (its clock stands still from the start
  day on, see app.clock.pauses); if the pause has an expected end, the special-procedure thresholds are
  also measured on ``today`` against that end, and the more severe level wins.
"""
import datetime as dt
from dataclasses import dataclass

from app.calendar.workdays import UnknownCalendarYear, WorkingCalendar

from .rules import Finding, SupervisionRules

_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Measure:
    remaining_promised: int | None
    remaining_legal: int | None
    remaining_procedure: int | None
    finding: Finding

    @property
    def level(self) -> str:
        return self.finding.level


class LevelCalculator:
    """Measures many cases on one day; remaining days are memoised per (as-of day, deadline), so a sweep
    over many cases costs one calendar walk per distinct deadline. Raises UnknownCalendarYear."""

    def __init__(self, today: dt.date, calendar: WorkingCalendar, rules: SupervisionRules):
        self.today, self.calendar, self.rules = today, calendar, rules
        self._memo: dict[tuple[dt.date, dt.date], int] = {}

    def remaining(self, as_of: dt.date, deadline: dt.date | None) -> int | None:
        if deadline is None:
            return None
        key = (as_of, deadline)
        if key not in self._memo:
            self._memo[key] = self.calendar.remaining_working_days(as_of, deadline)
        return self._memo[key]

    def as_of(self, paused_on: dt.date | None) -> dt.date:
        return min(paused_on - _ONE_DAY, self.today) if paused_on is not None else self.today

    def case(self, deadline, legal_deadline, paused_on=None, procedure_end=None) -> Measure:
        as_of = self.as_of(paused_on)
        promised, legal = self.remaining(as_of, deadline), self.remaining(as_of, legal_deadline)
        finding = self.rules.evaluate(self.rules.case, {"promised": promised, "legal": legal})
        procedure = None
        if paused_on is not None and procedure_end is not None:
            procedure = self.remaining(self.today, procedure_end)
            special = self.rules.evaluate(self.rules.special_procedure, {"procedure_end": procedure})
            if special.severity > finding.severity:
                finding = special
        return Measure(promised, legal, procedure, finding)

    def next_check_on(self, deadline, legal_deadline, paused_on=None, procedure_end=None) -> dt.date | None:
        """The first day on which the case's level can differ from today's, or None if it cannot change
        until its data does (a pause without an expected end, or every threshold already met).

        Remaining working days fall by one per working day, so a threshold ``at most t`` not yet met with
        ``r`` days left is met on the ``(r - t)``-th working day after today. A paused case's clock stands
        still: only the special-procedure thresholds, measured against the pause's expected end, move."""
        if paused_on is None:
            left = {"promised": self.remaining(self.today, deadline), "legal": self.remaining(self.today, legal_deadline)}
            thresholds = self.rules.case
        elif procedure_end is not None:
            left = {"procedure_end": self.remaining(self.today, procedure_end)}
            thresholds = self.rules.special_procedure
        else:
            return None
        pending = [left[t.limit] - t.remaining_at_most for t in thresholds
                   if left.get(t.limit) is not None and left[t.limit] > t.remaining_at_most]
        if not pending:
            return None
        days = min(pending)
        try:
            return self.calendar.add_working_days(self.today, days)
        except UnknownCalendarYear:
            return self.today + dt.timedelta(days=days)  # earlier than the working day: checked again, safe

    def task(self, deadline, legal_deadline, paused_on=None) -> Measure:
        as_of = self.as_of(paused_on)
        promised, legal = self.remaining(as_of, deadline), self.remaining(as_of, legal_deadline)
        finding = self.rules.evaluate(self.rules.task, {"promised": promised, "legal": legal})
        return Measure(promised, legal, None, finding)
