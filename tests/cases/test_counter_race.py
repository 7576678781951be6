"""The day's first two acceptances arrive at the same moment: both get a number, consecutive, no 409."""
import threading

from app.cases.numbering import next_counter_value
from app.extensions import db


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
