"""How the timer scheduler scales: 100 000 open cases of which 1 000 are due.

On a fresh database (a temporary SQLite file, or DATABASE_URL) it accepts one real food-licence case at the
window, then bulk-inserts synthetic open cases with their workflow rows:

- the due ones carry a real engine state copied from that case (task ids made unique per copy) whose
  承办 timer was moved into the past, and ``next_due`` in the past;
- the others have ``next_due`` weeks ahead and a stub state (the sweep never loads them).

It measures (a) the due query (the one indexed query the scheduler runs every second), (b) a full sweep of
the due cases (lock → load → fire → save → task projection → history → notification → commit, per case)
and (c) how late timers fire under the 1 s job interval: a few real cases get timers due in the next
seconds while the real APScheduler job runs against the big table, and the delay from due time to firing
is recorded.

    python bench/bench_scheduler_sweep.py [--cases 100000] [--due 1000] [--late-timers 20]
"""
import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("LOG_LEVEL", "WARNING")

import sqlalchemy as sa  # noqa: E402

from app.cases.models import Case  # noqa: E402
from app.extensions import db  # noqa: E402
from app.workflow import WorkflowInstance, WorkflowRun  # noqa: E402
from benchkit import APPLICANT, FOOD_LICENCE_FORM, fresh_app  # noqa: E402 (bench/ is on sys.path)

CHUNK = 5000




def accept_cases(app, count):
    client = app.test_client()
    token = client.post("/api/v1/auth/token", json={"username": "clerk_commerce", "password": "Demo@2025"}).get_json()
    headers = {"Authorization": f"Bearer {token['token']}"}
    numbers = []
    for _ in range(count):
        response = client.post("/api/v1/cases", headers=headers, json={
            "item_code": "330100-XK-001", "applicant": APPLICANT, "materials": ["M01", "M02", "M03", "M04"],
            "form": FOOD_LICENCE_FORM,
            "decision": "accept"})
        assert response.status_code == 201, response.get_json()
        numbers.append(response.get_json()["case_no"])
    return numbers


def shift_case_timers(case_no, due):
    case = db.session.scalars(sa.select(Case).where(Case.case_no == case_no).with_for_update()).one()
    run = WorkflowRun.open(case.workflow_instance_id)
    run.shift_timers(due)
    run.save()
    db.session.commit()
    return case


def unique_task_ids(state_json: str) -> str:
    """A copy of an engine state whose task UUIDs are fresh (task rows are keyed by them)."""
    ids = set(json.loads(state_json)["tasks"])
    for old in ids:
        state_json = state_json.replace(old, str(uuid.uuid4()))
    return state_json


def insert_synthetic(app, template_case_no, total, due_count, now):
    with app.app_context():
        case = shift_case_timers(template_case_no, now - timedelta(minutes=5))
        instance = db.session.get(WorkflowInstance, case.workflow_instance_id)
        case_row = dict(db.session.execute(sa.select(Case.__table__).where(Case.id == case.id)).mappings().one())
        wf_row = dict(db.session.execute(
            sa.select(WorkflowInstance.__table__).where(WorkflowInstance.id == instance.id)).mappings().one())
        # the template itself counts as one of the due cases
        next_ids = {t: (db.session.scalar(sa.select(sa.func.max(t.c.id))) or 0) + 1
                    for t in (Case.__table__, WorkflowInstance.__table__)}
        db.session.commit()
        rng = random.Random(7)
        wf_id, case_id = next_ids[WorkflowInstance.__table__], next_ids[Case.__table__]
        started = time.perf_counter()
        for chunk_start in range(1, total, CHUNK):
            wf_rows, case_rows = [], []
            for n in range(chunk_start, min(chunk_start + CHUNK, total)):
                due = n < due_count
                wf_rows.append({**wf_row, "id": wf_id,
                                "state": unique_task_ids(wf_row["state"]) if due else "{}",
                                "next_due": (now - timedelta(seconds=rng.randint(1, 3600))) if due
                                else now + timedelta(days=rng.randint(1, 40), seconds=rng.randint(0, 86400))})
                case_rows.append({**case_row, "id": case_id, "case_no": f"BENCH{n:08d}",
                                  "workflow_instance_id": wf_id})
                wf_id += 1
                case_id += 1
            db.session.execute(sa.insert(WorkflowInstance.__table__), wf_rows)
            db.session.execute(sa.insert(Case.__table__), case_rows)
            db.session.commit()
        if db.engine.dialect.name == "postgresql":
            for table in ("cases", "workflow_instances"):  # ids were given explicitly: move the sequences on
                db.session.execute(sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
            db.session.commit()
            with db.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                    "VACUUM ANALYZE workflow_instances")
        else:
            db.session.execute(sa.text("ANALYZE"))
            db.session.commit()
        return time.perf_counter() - started


def time_due_query(app, now, runs=50):
    from app.scheduler.sweep import due_instance_ids

    timings = {}
    with app.app_context():
        for batch in (100, 1000):
            samples = []
            for _ in range(runs):
                begin = time.perf_counter()
                ids = due_instance_ids(now, batch)
                samples.append(time.perf_counter() - begin)
                db.session.rollback()
            timings[batch] = (statistics.median(samples), len(ids))
        db.session.remove()
    return timings


def time_full_sweep(app, now):
    from app.scheduler.jobs import TimerJob

    with app.app_context():
        begin = time.perf_counter()
        fired = 0
        job = TimerJob(batch=100)
        while True:
            done = job.run(now)
            fired += done
            if done == 0:
                break
        elapsed = time.perf_counter() - begin
        remaining = db.session.scalar(sa.select(sa.func.count()).where(WorkflowInstance.next_due <= now))
        db.session.remove()
    return elapsed, fired, remaining


def measure_lateness(app, count):
    """Real cases with timers due 1–6 s from now; the real 1 s APScheduler job fires them."""
    from apscheduler.schedulers.background import BackgroundScheduler

    from app.scheduler import jobs, sweep

    numbers = accept_cases(app, count)
    fired_at = {}
    original = sweep.react_to_fired_timers

    def recording(case, fired, before, ready):
        fired_at[case.case_no] = datetime.now(timezone.utc)
        return original(case, fired, before, ready)

    sweep.react_to_fired_timers = recording
    due_at = {}
    rng = random.Random(11)
    with app.app_context():
        base = datetime.now(timezone.utc) + timedelta(seconds=1)
        for case_no in numbers:  # due times spread at random over the next seconds, not on the job's ticks
            due_at[case_no] = base + timedelta(seconds=rng.uniform(0, 5))
            shift_case_timers(case_no, due_at[case_no])
        db.session.remove()
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(jobs._in_context(app, jobs.TimerJob().run), "interval", seconds=jobs.TIMER_INTERVAL_SECONDS,
                      max_instances=1, coalesce=True, next_run_time=datetime.now(timezone.utc))
    scheduler.start()
    deadline = time.monotonic() + 30
    while len(fired_at) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    scheduler.shutdown()
    sweep.react_to_fired_timers = original
    return sorted((fired_at[n] - due_at[n]).total_seconds() for n in fired_at), count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=1000)
    parser.add_argument("--late-timers", type=int, default=20)
    args = parser.parse_args()

    app, url = fresh_app("bench-sweep-")
    template = accept_cases(app, 1)[0]
    now = datetime.now(timezone.utc)
    insert_seconds = insert_synthetic(app, template, args.cases, args.due, now)
    query = time_due_query(app, now)
    sweep_seconds, fired, remaining = time_full_sweep(app, now)
    lateness, expected = measure_lateness(app, args.late_timers)

    print(f"backend: {url.split(':', 1)[0]}; open cases: {args.cases}; due: {args.due} "
          f"(synthetic rows inserted in {insert_seconds:.1f} s)")
    for batch, (seconds, found) in query.items():
        print(f"(a) due query, LIMIT {batch}: median {seconds * 1000:.2f} ms ({found} rows)")
    print(f"(b) full sweep of the due cases: {sweep_seconds:.2f} s for {fired} cases "
          f"({sweep_seconds / max(fired, 1) * 1000:.1f} ms per case, one transaction each); still due: {remaining}")
    if lateness:
        p95 = lateness[max(0, int(len(lateness) * 0.95) - 1)]
        print(f"(c) timer lateness under the 1 s job ({len(lateness)}/{expected} fired): "
              f"p50 {statistics.median(lateness):.2f} s, p95 {p95:.2f} s, max {lateness[-1]:.2f} s")
    else:
        print(f"(c) no timer fired within 30 s (expected {expected})")


if __name__ == "__main__":
    main()
