"""The day's first two acceptances arrive at the same moment: both get a number, consecutive, no 409."""
import threading
from datetime import date

import pytest
import sqlalchemy as sa

from app.cases.numbering import next_case_number, next_counter_value


def test_two_first_uses_of_a_days_counter_at_once_both_get_consecutive_numbers(app, db):
    start = threading.Barrier(2)
    values, errors = [], []

    def first_acceptance():
        with app.app_context():
            try:
                start.wait()
                values.append(next_counter_value("case:2026-03-03"))
                db.session.commit()
            except Exception as exc:  # the old SELECT-then-INSERT collided here
                errors.append(exc)
                db.session.rollback()
            finally:
                db.session.remove()

    threads = [threading.Thread(target=first_acceptance) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(values) == [1, 2]
    with app.app_context():
        assert next_counter_value("case:2026-03-03") == 3
        db.session.rollback()


def test_accepted_cases_of_one_day_get_consecutive_numbers(api):
    clerk = api.as_user("clerk_commerce")
    numbers = [clerk.accept_case()["case_no"] for _ in range(3)]
    assert [int(n[-5:]) for n in numbers] == [1, 2, 3]


def test_on_postgresql_a_case_number_taken_by_an_open_acceptance_does_not_hold_up_the_next(app, db):
    """The day's counter is not held while the engine runs one acceptance: the next window gets its number
    at once (a rolled-back acceptance leaves a gap instead)."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite has one writer at a time; the counter stays in the acceptance's transaction")
    first_taken, release = threading.Event(), threading.Event()
    numbers = []

    def slow_acceptance():
        with app.app_context():
            numbers.append(next_case_number(date(2026, 3, 4)))
            first_taken.set()
            release.wait(30)  # the engine is still running this case
            db.session.rollback()
            db.session.remove()

    slow = threading.Thread(target=slow_acceptance)
    slow.start()
    try:
        assert first_taken.wait(30)
        with app.app_context():
            db.session.execute(sa.text("SET lock_timeout = '3s'"))  # waiting on the counter would fail here
            numbers.append(next_case_number(date(2026, 3, 4)))
            db.session.commit()
            db.session.remove()
    finally:
        release.set()
        slow.join(30)
    assert [int(n[-5:]) for n in numbers] == [1, 2]
