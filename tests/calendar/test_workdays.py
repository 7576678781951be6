"""Working-day arithmetic against the real State Council holiday arrangements of 2025/2026.

Every expected date below was checked against ``chinese_calendar`` directly (not through the
code under test) before being written down.
"""

import datetime as dt
from datetime import date

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.calendar.workdays import (
    STATUTORY_YEARS,
    UnknownCalendarYear,
    WorkingCalendar,
    default_calendar,
)


@pytest.fixture
def cal():
    return WorkingCalendar()


# --- which days are working days -------------------------------------------------------


@pytest.mark.parametrize(
    "day, working",
    [
        # Spring Festival 2025: Jan 28 – Feb 4 off, Sun Jan 26 and Sat Feb 8 worked.
        (date(2025, 1, 26), True),
        (date(2025, 1, 27), True),
        (date(2025, 1, 28), False),
        (date(2025, 2, 4), False),
        (date(2025, 2, 5), True),
        (date(2025, 2, 8), True),
        (date(2025, 2, 9), False),
        # Labour Day 2025: May 1–5 off, Sun Apr 27 worked.
        (date(2025, 4, 26), False),
        (date(2025, 4, 27), True),
        (date(2025, 5, 1), False),
        (date(2025, 5, 5), False),
        (date(2025, 5, 6), True),
        # National Day 2025: Oct 1–8 off, Sun Sep 28 and Sat Oct 11 worked.
        (date(2025, 9, 28), True),
        (date(2025, 10, 1), False),
        (date(2025, 10, 8), False),
        (date(2025, 10, 11), True),
        (date(2025, 10, 12), False),
        # Spring Festival 2026: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 worked.
        (date(2026, 2, 14), True),
        (date(2026, 2, 15), False),
        (date(2026, 2, 23), False),
        (date(2026, 2, 24), True),
        (date(2026, 2, 28), True),
        # Mid-Autumn 2026 Sep 25–27 and National Day 2026 Oct 1–7 off,
        # Sun Sep 20 and Sat Oct 10 worked.
        (date(2026, 9, 20), True),
        (date(2026, 9, 25), False),
        (date(2026, 10, 1), False),
        (date(2026, 10, 7), False),
        (date(2026, 10, 8), True),
        (date(2026, 10, 10), True),
        # Ordinary weeks.
        (date(2025, 3, 7), True),
        (date(2025, 3, 8), False),
        (date(2025, 3, 9), False),
    ],
)
def test_statutory_holidays_and_make_up_weekends_are_recognised(cal, day, working):
    assert cal.is_working_day(day) is working


def test_the_package_knows_the_years_the_service_centre_works_in():
    assert {2024, 2025, 2026} <= STATUTORY_YEARS


# --- add_working_days ---------------------------------------------------------------------


def test_a_case_accepted_before_national_day_is_due_after_the_holiday_counting_the_make_up_saturday(cal):
    # Oct 9, 10, 11 (make-up Saturday), 13, 14
    assert cal.add_working_days(date(2025, 9, 30), 5) == date(2025, 10, 14)


def test_the_statutory_twenty_day_limit_spans_national_day_2025(cal):
    # Sep 16–19, 22–26, Sun 28, 29, 30, Oct 9, 10, Sat 11, 13–17
    assert cal.add_working_days(date(2025, 9, 15), 20) == date(2025, 10, 17)


def test_a_case_accepted_on_the_friday_before_spring_festival_2025_uses_the_make_up_sunday(cal):
    # Sun Jan 26, Mon Jan 27, then the holiday until Feb 4, then Wed Feb 5
    assert cal.add_working_days(date(2025, 1, 24), 1) == date(2025, 1, 26)
    assert cal.add_working_days(date(2025, 1, 24), 3) == date(2025, 2, 5)


def test_a_case_accepted_the_day_before_labour_day_is_due_after_the_five_day_break(cal):
    assert cal.add_working_days(date(2025, 4, 30), 1) == date(2025, 5, 6)


def test_the_make_up_sunday_before_labour_day_counts_but_the_saturday_does_not(cal):
    # Sat Apr 26 is off, Sun Apr 27 is worked, then Mon Apr 28
    assert cal.add_working_days(date(2025, 4, 25), 2) == date(2025, 4, 28)


def test_a_case_accepted_on_the_eve_of_spring_festival_2026_may_be_due_on_the_make_up_saturday(cal):
    assert cal.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert cal.add_working_days(date(2026, 2, 13), 2) == date(2026, 2, 24)
    assert cal.add_working_days(date(2026, 2, 27), 1) == date(2026, 2, 28)


def test_a_case_accepted_on_the_eve_of_national_day_2026_is_due_on_the_make_up_saturday(cal):
    # Oct 1–7 off, then Thu 8, Fri 9, Sat 10 (make-up)
    assert cal.add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)


def test_the_make_up_sunday_before_mid_autumn_2026_shortens_the_wait(cal):
    # Sun Sep 20 worked, then Sep 21–24
    assert cal.add_working_days(date(2026, 9, 18), 5) == date(2026, 9, 24)


def test_a_limit_started_on_new_years_eve_crosses_into_2026_and_lands_on_the_make_up_sunday(cal):
    # Jan 1–3 2026 off, Sun Jan 4 worked
    assert cal.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 4)


def test_the_start_day_never_counts_even_when_it_is_a_working_day(cal):
    assert cal.add_working_days(date(2025, 3, 3), 1) == date(2025, 3, 4)


def test_a_clock_started_on_a_holiday_counts_from_the_next_working_day(cal):
    assert cal.add_working_days(date(2025, 10, 3), 1) == date(2025, 10, 9)


def test_a_zero_day_limit_ends_on_the_start_day(cal):
    assert cal.add_working_days(date(2025, 10, 1), 0) == date(2025, 10, 1)


def test_a_negative_limit_is_refused(cal):
    with pytest.raises(ValueError):
        cal.add_working_days(date(2025, 3, 3), -1)


def test_a_long_limit_over_many_years_finishes_quickly(cal):
    end = cal.add_working_days(date(2004, 1, 1), 5000)
    assert cal.working_days_between(date(2004, 1, 1), end) == 5000
    assert end.year < 2025


# --- overrides ------------------------------------------------------------------------


def test_an_office_closure_entered_by_the_admin_pushes_the_deadline_back():
    typhoon = WorkingCalendar({date(2025, 10, 14): False})
    assert not typhoon.is_working_day(date(2025, 10, 14))
    assert typhoon.add_working_days(date(2025, 9, 30), 5) == date(2025, 10, 15)


def test_a_local_extra_working_saturday_overrides_the_weekend():
    cal = WorkingCalendar({date(2025, 3, 8): True})
    assert cal.is_working_day(date(2025, 3, 8))
    assert cal.add_working_days(date(2025, 3, 7), 1) == date(2025, 3, 8)


def test_an_override_can_reopen_a_statutory_holiday():
    cal = WorkingCalendar({date(2025, 10, 8): True})
    assert cal.add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 8)


def test_overrides_are_read_only_and_copied_from_the_callers_mapping():
    source = {date(2025, 3, 8): True}
    cal = WorkingCalendar(source)
    source[date(2025, 3, 8)] = False
    assert cal.is_working_day(date(2025, 3, 8))
    with pytest.raises(TypeError):
        cal.overrides[date(2025, 3, 9)] = True  # type: ignore[index]


@pytest.mark.parametrize(
    "overrides",
    [
        {dt.datetime(2025, 3, 8, 9, 0): True},
        {date(2025, 3, 8): 1},
        {"2025-03-08": True},
    ],
)
def test_malformed_overrides_are_rejected(overrides):
    with pytest.raises(TypeError):
        WorkingCalendar(overrides)


# --- unknown years ----------------------------------------------------------------------


def test_a_year_without_holiday_data_is_refused_instead_of_counting_weekends_only(cal):
    with pytest.raises(UnknownCalendarYear) as excinfo:
        cal.is_working_day(date(2030, 3, 4))
    assert isinstance(excinfo.value, ValueError)
    assert excinfo.value.year == 2030
    assert "2030" in str(excinfo.value)
    assert "节假日" in str(excinfo.value)


def test_a_limit_running_into_an_unknown_year_is_refused(cal):
    with pytest.raises(UnknownCalendarYear) as excinfo:
        cal.add_working_days(date(2026, 12, 20), 20)
    assert excinfo.value.year == 2027


def test_a_year_the_admin_has_entered_works_with_the_overrides_and_weekends():
    cal = WorkingCalendar({date(2030, 1, 1): False, date(2030, 2, 2): True})
    assert not cal.is_working_day(date(2030, 1, 1))  # Tue, entered as holiday
    assert cal.is_working_day(date(2030, 1, 2))  # ordinary Wednesday
    assert not cal.is_working_day(date(2030, 1, 5))  # ordinary Saturday
    assert cal.is_working_day(date(2030, 2, 2))  # Saturday entered as make-up day
    # Dec 31 2029 is unknown but never looked at: counting starts the day after.
    assert cal.add_working_days(date(2029, 12, 31), 1) == date(2030, 1, 2)


def test_overrides_for_one_unknown_year_do_not_unlock_the_next():
    cal = WorkingCalendar({date(2030, 1, 1): False})
    with pytest.raises(UnknownCalendarYear):
        cal.is_working_day(date(2031, 1, 2))


# --- natural days ---------------------------------------------------------------------


def test_a_natural_day_limit_ending_in_national_day_moves_to_the_first_working_day_after(cal):
    assert cal.add_natural_days(date(2025, 9, 26), 5) == date(2025, 10, 9)


def test_a_natural_day_limit_ending_on_a_make_up_saturday_stays_there(cal):
    assert cal.add_natural_days(date(2025, 10, 6), 5) == date(2025, 10, 11)


def test_a_natural_day_limit_ending_on_an_ordinary_weekend_moves_to_monday(cal):
    assert cal.add_natural_days(date(2025, 3, 3), 5) == date(2025, 3, 10)


def test_a_natural_day_limit_ending_on_a_weekday_is_plain_calendar_arithmetic(cal):
    assert cal.add_natural_days(date(2025, 3, 3), 10) == date(2025, 3, 13)


def test_a_natural_day_limit_ending_in_spring_festival_2026_waits_for_the_holiday_to_end(cal):
    assert cal.add_natural_days(date(2026, 2, 9), 7) == date(2026, 2, 24)


def test_a_zero_natural_day_limit_ends_on_the_start_day(cal):
    assert cal.add_natural_days(date(2025, 10, 1), 0) == date(2025, 10, 1)


def test_a_negative_natural_day_limit_is_refused(cal):
    with pytest.raises(ValueError):
        cal.add_natural_days(date(2025, 3, 3), -3)


# --- counting between dates ---------------------------------------------------------------


def test_days_between_excludes_the_start_and_includes_the_end(cal):
    assert cal.working_days_between(date(2025, 9, 30), date(2025, 10, 14)) == 5
    # (Fri Oct 10, Mon Oct 13] holds the make-up Saturday and the Monday
    assert cal.working_days_between(date(2025, 10, 10), date(2025, 10, 13)) == 2


def test_days_between_is_antisymmetric_and_zero_on_the_same_day(cal):
    assert cal.working_days_between(date(2025, 10, 14), date(2025, 9, 30)) == -5
    assert cal.working_days_between(date(2025, 10, 14), date(2025, 10, 14)) == 0


def test_a_holiday_week_contains_no_working_days(cal):
    assert cal.working_days_between(date(2025, 9, 30), date(2025, 10, 8)) == 0


# --- remaining working days (task list colours, supervision warnings) ---------------------


def test_a_case_due_after_national_day_has_five_working_days_left_on_the_eve(cal):
    assert cal.remaining_working_days(date(2025, 9, 30), date(2025, 10, 14)) == 5


def test_the_holiday_itself_does_not_use_up_the_remaining_days(cal):
    assert cal.remaining_working_days(date(2025, 10, 8), date(2025, 10, 14)) == 5


def test_a_case_due_today_has_zero_days_left(cal):
    assert cal.remaining_working_days(date(2025, 10, 14), date(2025, 10, 14)) == 0


def test_an_overdue_case_counts_the_working_days_lost(cal):
    assert cal.remaining_working_days(date(2025, 10, 15), date(2025, 10, 14)) == -1
    # (Oct 14, Oct 20] holds Oct 15, 16, 17 and Monday Oct 20
    assert cal.remaining_working_days(date(2025, 10, 20), date(2025, 10, 14)) == -4


def test_the_weekend_after_a_friday_deadline_has_lost_no_working_day_yet(cal):
    # Documented edge: overdue by date, but no working day has passed since the deadline.
    assert cal.remaining_working_days(date(2025, 10, 18), date(2025, 10, 17)) == 0
    assert cal.remaining_working_days(date(2025, 10, 20), date(2025, 10, 17)) == -1


# --- input types ------------------------------------------------------------------------


def test_timestamps_must_be_turned_into_local_dates_first(cal):
    with pytest.raises(TypeError):
        cal.is_working_day(dt.datetime(2025, 10, 14, 9, 30))
    with pytest.raises(TypeError):
        cal.add_working_days(dt.datetime(2025, 10, 14, 9, 30), 1)
    with pytest.raises(TypeError):
        cal.working_days_between(date(2025, 10, 14), "2025-10-20")


def test_default_calendar_is_the_shared_statutory_calendar():
    cal = default_calendar()
    assert cal is default_calendar()
    assert cal.overrides == {}
    assert cal.is_working_day(date(2025, 10, 11))


# --- properties ---------------------------------------------------------------------------

# Limits must end before 2027, which chinesecalendar does not know yet.
known_dates = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 9, 30))
recent_dates = st.dates(min_value=date(2024, 6, 1), max_value=date(2026, 9, 30))
limits = st.integers(min_value=0, max_value=45)
# No example database: the suite must not write files into the working tree.
properties = settings(max_examples=300, deadline=None, database=None)


@properties
@given(start=known_dates, n=limits)
def test_counting_back_the_working_days_to_a_deadline_gives_the_limit(start, n):
    cal = default_calendar()
    assert cal.working_days_between(start, cal.add_working_days(start, n)) == n


@properties
@given(start=recent_dates, n=st.integers(min_value=1, max_value=45))
def test_a_working_day_deadline_is_the_earliest_working_day_that_exhausts_the_limit(start, n):
    cal = default_calendar()
    end = cal.add_working_days(start, n)
    assert end > start
    assert cal.is_working_day(end)
    assert cal.working_days_between(start, end - dt.timedelta(days=1)) == n - 1


@properties
@given(a=recent_dates, b=recent_dates, c=recent_dates)
def test_days_between_is_additive_and_antisymmetric(a, b, c):
    cal = default_calendar()
    assert cal.working_days_between(a, b) == -cal.working_days_between(b, a)
    assert cal.working_days_between(a, c) == (
        cal.working_days_between(a, b) + cal.working_days_between(b, c)
    )


@properties
@given(start=recent_dates, n=st.integers(min_value=1, max_value=60))
def test_a_natural_day_deadline_is_the_first_working_day_on_or_after_the_calendar_end(start, n):
    cal = default_calendar()
    end = cal.add_natural_days(start, n)
    plain_end = start + dt.timedelta(days=n)
    assert end >= plain_end
    assert cal.is_working_day(end)
    # no working day in [plain_end, end)
    assert cal.working_days_between(plain_end - dt.timedelta(days=1), end - dt.timedelta(days=1)) == 0


def test_the_fast_lookup_agrees_with_chinese_calendar_on_every_known_day():
    cal = default_calendar()
    day, last = date(min(STATUTORY_YEARS), 1, 1), date(max(STATUTORY_YEARS), 12, 31)
    while day <= last:
        assert cal.is_working_day(day) is chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)
