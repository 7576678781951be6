"""催办: the handlers of a step whose limit ends within a day get one reminder."""
import threading
from datetime import timedelta

from app.extensions import db
from app.scheduler.reminders import remind_due_soon
from tests.timers.support import next_due


def test_handlers_are_reminded_once_when_their_step_is_due_within_a_day(api, app):
    case_no = api.as_user("clerk_commerce").accept_case()["case_no"]
    due = next_due(app, case_no)
    with app.app_context():
        assert remind_due_soon(due - timedelta(hours=30)) == 0
        assert remind_due_soon(due - timedelta(hours=12)) == 1
        assert remind_due_soon(due - timedelta(hours=6)) == 0
        db.session.remove()
    notices = api.as_user("scjgj_handler").get("/api/v1/notifications").get_json()
    assert [(n["kind"], n["case_no"]) for n in notices] == [("due_soon", case_no)]
    assert api.as_user("scjgj_reviewer").get("/api/v1/notifications").get_json() == []


def test_two_schedulers_reminding_at_the_same_moment_send_each_reminder_once(api, app):
    case_no = api.as_user("clerk_commerce").accept_case()["case_no"]
    due = next_due(app, case_no)
    start = threading.Barrier(2)
    counts = []

    def scheduler():
        with app.app_context():
            start.wait()
            counts.append(remind_due_soon(due - timedelta(hours=12)))
            db.session.remove()

    workers = [threading.Thread(target=scheduler) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    assert sorted(counts) == [0, 1]
    notices = api.as_user("scjgj_handler").get("/api/v1/notifications").get_json()
    assert [(n["kind"], n["case_no"]) for n in notices] == [("due_soon", case_no)]
