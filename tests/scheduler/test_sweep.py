"""The scheduler's sweep: each due timer fires exactly once even with two workers at once, a crash inside a
case's unit of work leaves that case untouched and still due, and due work is found with one indexed query."""
import threading
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from app.cases.models import Case, CaseEvent
from app.extensions import db
from app.notifications.models import Notification
from app.scheduler import sweep as sweep_module
from app.scheduler.jobs import TimerJob
from app.scheduler.sweep import due_instances_query
from app.tasks.models import HumanTask
from tests.timers.support import SECOND, next_due, sweep


def _accept(api, count):
    clerk = api.as_user("clerk_commerce")
    return [clerk.accept_case()["case_no"] for _ in range(count)]


def _snapshot(app, case_no):
    with app.app_context():
        case = db.session.scalars(sa.select(Case).where(Case.case_no == case_no)).one()
        tasks = db.session.execute(sa.select(HumanTask.id, HumanTask.step, HumanTask.state)
                                   .where(HumanTask.case_id == case.id).order_by(HumanTask.id)).all()
        events = db.session.scalars(sa.select(CaseEvent.action).where(CaseEvent.case_id == case.id)
                                    .order_by(CaseEvent.seq)).all()
        notices = db.session.scalar(sa.select(sa.func.count()).select_from(Notification)
                                    .where(Notification.case_id == case.id))
        snapshot = (case.status, case.last_event_seq, tuple(tasks), tuple(events), notices,
                    case.workflow_instance.revision, case.workflow_instance.state)
        db.session.remove()
        return snapshot


def _fired_counts(app, case_nos):
    with app.app_context():
        rows = db.session.execute(
            sa.select(Case.case_no, sa.func.count(CaseEvent.id)).join(CaseEvent, CaseEvent.case_id == Case.id)
            .where(CaseEvent.action == "timer.fired").group_by(Case.case_no)
        ).all()
        escalations = db.session.execute(
            sa.select(Case.case_no, sa.func.count(HumanTask.id)).join(HumanTask, HumanTask.case_id == Case.id)
            .where(HumanTask.step == "escalate").group_by(Case.case_no)
        ).all()
        db.session.remove()
    return {no: dict(rows).get(no, 0) for no in case_nos}, {no: dict(escalations).get(no, 0) for no in case_nos}


def test_two_scheduler_workers_running_at_once_fire_each_due_timer_exactly_once(api, app, monkeypatch):
    case_nos = _accept(api, 8)
    now = max(next_due(app, no) for no in case_nos) + SECOND
    original = sweep_module.react_to_fired_timers

    def slow_reaction(*args, **kwargs):  # widen the window in which the other worker could interfere
        original(*args, **kwargs)
        threading.Event().wait(0.02)

    monkeypatch.setattr(sweep_module, "react_to_fired_timers", slow_reaction)
    start = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            start.wait()
            results.append(sweep(app, now, batch=100))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == [] and len(results) == 2
    assert sorted(no for r in results for no in r.fired) == sorted(case_nos)
    assert all(r.failed == [] for r in results)
    fired, escalations = _fired_counts(app, case_nos)
    assert set(fired.values()) == {1} and set(escalations.values()) == {1}


def test_a_crash_after_the_engine_stepped_leaves_the_case_unchanged_and_its_timer_still_due(api, app, monkeypatch):
    broken_case, healthy_case = _accept(api, 2)
    now = max(next_due(app, broken_case), next_due(app, healthy_case)) + SECOND
    before = _snapshot(app, broken_case)

    def crash_for_one_case(case, fired, before_tasks, ready):
        if case.case_no == broken_case:
            raise RuntimeError("simulated crash between loading and saving the case")
        return original(case, fired, before_tasks, ready)

    original = sweep_module.react_to_fired_timers
    monkeypatch.setattr(sweep_module, "react_to_fired_timers", crash_for_one_case)
    result = sweep(app, now)

    assert result.fired == [healthy_case] and len(result.failed) == 1  # one failure does not block others
    assert _snapshot(app, broken_case) == before
    assert next_due(app, broken_case) <= now
    assert api.as_user("scjgj_head").tasks(case_no=broken_case) == []

    monkeypatch.setattr(sweep_module, "react_to_fired_timers", original)  # the fault is gone: it fires
    assert sweep(app, now).fired == [broken_case]
    assert api.as_user("scjgj_head").task_for(broken_case)["step"] == "escalate"


def test_the_timer_job_keeps_taking_batches_until_no_case_is_due(api, app):
    case_nos = _accept(api, 5)
    now = max(next_due(app, no) for no in case_nos) + SECOND
    with app.app_context():
        assert TimerJob(batch=2).run(now) == 5
        db.session.remove()
    assert all(next_due(app, no) is None for no in case_nos)


def test_the_due_query_is_answered_from_the_next_due_index(app, db):
    query = due_instances_query(datetime.now(timezone.utc), 100)
    with app.app_context(), db.engine.connect() as connection:
        compiled = query.compile(connection, compile_kwargs={"literal_binds": True})
        if connection.dialect.name == "sqlite":
            plan = " ".join(str(row) for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
        else:
            connection.exec_driver_sql("SET enable_seqscan = off")
            plan = " ".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {compiled}"))
    assert "ix_workflow_instances_next_due" in plan


@pytest.mark.parametrize("fire", [True, False])
def test_the_demo_command_lets_the_current_step_run_over(api, app, fire):
    case_no = _accept(api, 1)[0]
    args = ["demo", "overdue", case_no] + ([] if fire else ["--no-fire"])
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "承办" in result.output
    if not fire:  # the running scheduler picks it up within a second
        assert next_due(app, case_no) <= datetime.now(timezone.utc)
        sweep(app, datetime.now(timezone.utc))
    assert api.as_user("scjgj_head").task_for(case_no)["subject"] == "承办超期"
    again = app.test_cli_runner().invoke(args=["demo", "overdue", case_no])
    assert again.exit_code != 0 and "没有计时中的环节" in again.output
