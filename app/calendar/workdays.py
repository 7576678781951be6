"""Working-day arithmetic for statutory time limits (办理时限).

Rules implemented here:

* Administrative Licensing Law (行政许可法) Arts. 42–45: time limits are counted in
  working days (工作日).  Statutory holidays are not working days; weekends that the State
  Council declares make-up working days (调休) are.  The official holiday arrangements come
  from the ``chinesecalendar`` package (import name ``chinese_calendar``).
* Counting starts the day after the clock starts: day 1 of a limit is the first working day
  AFTER the start date (Civil Code Art. 201, applied by the licensing practice).  A limit of
  n working days started on ``start`` ends at the end of ``add_working_days(start, n)``.
* Limits in natural days (自然日) end n calendar days after the start; if that day is not a
  working day, the period ends on the next working day (Civil Code Art. 203).
* Local adjustments entered by an administrator (e.g. an office closed for a typhoon, or a
  year the package does not know yet) are *overrides* and take precedence.

All functions take ``datetime.date`` values.  ``datetime.datetime`` is rejected on purpose:
turn a timestamp into the service centre's local date before asking about working days.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from types import MappingProxyType

import chinese_calendar

_ONE_DAY = dt.timedelta(days=1)

#: Years for which ``chinesecalendar`` holds the State Council holiday arrangements.
STATUTORY_YEARS: frozenset[int] = frozenset(day.year for day in chinese_calendar.holidays)


def _is_statutory_working_day(day: dt.date) -> bool:
    """The rule of ``chinese_calendar.is_workday``, read straight from its public tables.

    ``is_workday`` re-validates its supported year range on every call (about 14 µs); the
    lookups below cost nanoseconds, which matters when supervision scans thousands of cases.
    The caller has already checked that ``day.year`` is in :data:`STATUTORY_YEARS`.
    """
    if day in chinese_calendar.workdays:  # make-up working weekend (调休)
        return True
    return day.weekday() < 5 and day not in chinese_calendar.holidays


class UnknownCalendarYear(ValueError):
    """No holiday arrangement is known for a year, so working days cannot be counted.

    Raised instead of silently counting weekends only, which would produce wrong deadlines
    around Spring Festival and National Day.  Fix it by upgrading ``chinesecalendar`` or by
    entering at least one working-day adjustment for that year.
    """

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"尚未收录{year}年的法定节假日安排，无法计算工作日，请管理员维护该年度的节假日调整。"
            f" (No statutory holiday data for year {year}: cannot count working days;"
            f" an administrator must enter that year's holiday adjustments.)"
        )


def _require_date(value: object, name: str) -> dt.date:
    """Return ``value`` if it is a plain date; reject datetimes and other types."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError(f"{name} must be a datetime.date, got {type(value).__name__}")
    return value


def _require_non_negative(n: int) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be an int, got {type(n).__name__}")
    if n < 0:
        raise ValueError(f"a time limit cannot be negative (n={n})")
    return n


class WorkingCalendar:
    """Decides which days are working days and does time-limit arithmetic.

    ``overrides`` maps a date to ``True`` (working day) or ``False`` (day off).  They win
    over the statutory calendar.  For a year that ``chinesecalendar`` does not know, the
    calendar works only if the overrides contain at least one date of that year: it then
    uses the overrides plus ordinary weekends (the administrator is trusted to have entered
    that year's holidays).  Otherwise :class:`UnknownCalendarYear` is raised.

    Instances are immutable; build a new one when the overrides change.
    """

    def __init__(self, overrides: Mapping[dt.date, bool] | None = None) -> None:
        checked: dict[dt.date, bool] = {}
        for day, working in (overrides or {}).items():
            _require_date(day, "override date")
            if not isinstance(working, bool):
                raise TypeError(f"override for {day} must be True or False, got {working!r}")
            checked[day] = working
        self._overrides = MappingProxyType(checked)
        self._override_years = frozenset(day.year for day in checked)

    @property
    def overrides(self) -> Mapping[dt.date, bool]:
        """Read-only view of the local adjustments."""
        return self._overrides

    def is_working_day(self, day: dt.date) -> bool:
        """True if ``day`` is a working day (overrides → statutory calendar → weekends).

        Raises :class:`UnknownCalendarYear` for a year neither source knows.
        """
        _require_date(day, "day")
        override = self._overrides.get(day)
        if override is not None:
            return override
        if day.year in STATUTORY_YEARS:
            return _is_statutory_working_day(day)
        if day.year in self._override_years:
            return day.weekday() < 5
        raise UnknownCalendarYear(day.year)

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, otherwise the first working day after it."""
        _require_date(day, "day")
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The day on which a limit of ``n`` working days ends when the clock starts on ``start``.

        Day 1 is the first working day after ``start`` (the start day itself never counts,
        even if it is a working day), so the result is the n-th working day after ``start``.
        ``n == 0`` returns ``start``.  Example: accepted on 2025-09-30 with 5 working days →
        2025-10-14 (Oct 1–8 are holidays, Saturday Oct 11 is a make-up working day).
        """
        _require_date(start, "start")
        remaining = _require_non_negative(n)
        day = start
        while remaining:
            day += _ONE_DAY
            if self.is_working_day(day):
                remaining -= 1
        return day

    def add_natural_days(self, start: dt.date, n: int) -> dt.date:
        """The day on which a limit of ``n`` natural days (自然日) ends, clock starting on ``start``.

        The end is ``start + n`` days; if that is not a working day (weekend or statutory
        holiday), the period ends on the next working day instead (Civil Code Art. 203).
        ``n == 0`` returns ``start``.
        """
        _require_date(start, "start")
        if _require_non_negative(n) == 0:
            return start
        return self.next_working_day(start + dt.timedelta(days=n))

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Number of working days in the half-open interval (a, b].

        ``a`` is excluded and ``b`` included, matching :meth:`add_working_days`, so
        ``working_days_between(s, add_working_days(s, n)) == n``.  Antisymmetric: if
        ``b < a`` the result is ``-working_days_between(b, a)``; 0 if ``a == b``.
        """
        _require_date(a, "a")
        _require_date(b, "b")
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        day = a
        while day < b:
            day += _ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count

    def remaining_working_days(self, today: dt.date, deadline: dt.date) -> int:
        """Working days left before ``deadline`` as seen on ``today``.

        * ``deadline >= today``: working days in (today, deadline] — 0 means it is due
          today (or only days off lie between), 1 means due on the next working day.
        * ``deadline < today`` (overdue): minus the working days in (deadline, today], i.e.
          how many working days have been lost.  A Friday deadline seen on the Saturday
          after gives 0, not -1.

        So a negative result always means overdue, but 0 does not mean "not overdue":
        decide overdue status by comparing dates (``today > deadline``), and use this
        number for colouring and warnings (e.g. "2 working days before the limit").
        """
        return self.working_days_between(today, deadline)


@functools.cache
def default_calendar() -> WorkingCalendar:
    """The shared statutory calendar, without local overrides."""
    return WorkingCalendar()
