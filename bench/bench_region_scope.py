"""How region scoping scales: a district supervisor's case list and the city's region drill-down over
100 000 cases spread across the city, two districts, a street and another city.

On a fresh database (a temporary SQLite file, or DATABASE_URL) it accepts one real case at the 东城区 window,
bulk-copies its row (with stub workflow rows) with receiving/handling region codes drawn at random, and
times (a) ``GET /api/v1/cases`` for ``supervisor_dongcheng`` (the LIKE 'prefix%' scope filter, newest 50)
(b) ``GET /api/v1/supervision/statistics?group_by=region`` for the city supervisor, and (c) the same for
the district. Prints the median and p95 of each in milliseconds.

    python bench/bench_region_scope.py [--cases 100000] [--runs 20]
"""
import argparse
import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("LOG_LEVEL", "WARNING")

import sqlalchemy as sa  # noqa: E402

from app.cases.models import Case  # noqa: E402
from app.extensions import db  # noqa: E402
from app.workflow import WorkflowInstance  # noqa: E402
from benchkit import APPLICANT, FOOD_LICENCE_FORM, fresh_app  # noqa: E402 (bench/ is on sys.path)

CODES = ["330100", "330102", "330103", "330102001", "330200"]
CHUNK = 5000




def headers(client, username):
    token = client.post("/api/v1/auth/token", json={"username": username, "password": "Demo@2025"}).get_json()
    return {"Authorization": f"Bearer {token['token']}"}


def insert_cases(app, template_no, total):
    with app.app_context():
        case_row = dict(db.session.execute(sa.select(Case.__table__).where(Case.case_no == template_no)).mappings().one())
        wf_row = dict(db.session.execute(sa.select(WorkflowInstance.__table__)
                                         .where(WorkflowInstance.id == case_row["workflow_instance_id"])).mappings().one())
        wf_id = db.session.scalar(sa.select(sa.func.max(WorkflowInstance.id))) + 1
        case_id = db.session.scalar(sa.select(sa.func.max(Case.id))) + 1
        rng = random.Random(11)
        for start in range(0, total, CHUNK):
            wf_rows, case_rows = [], []
            for n in range(start, min(start + CHUNK, total)):
                wf_rows.append({**wf_row, "id": wf_id, "state": "{}", "next_due": None})
                case_rows.append({**case_row, "id": case_id, "case_no": f"BENCH{n:08d}", "workflow_instance_id": wf_id,
                                  "receiving_region_code": rng.choice(CODES), "handling_region_code": rng.choice(CODES[:3])})
                wf_id += 1
                case_id += 1
            db.session.execute(sa.insert(WorkflowInstance.__table__), wf_rows)
            db.session.execute(sa.insert(Case.__table__), case_rows)
            db.session.commit()
        if db.engine.dialect.name == "postgresql":
            for table in ("cases", "workflow_instances"):
                db.session.execute(sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
            db.session.commit()
            with db.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE cases")
        else:
            db.session.execute(sa.text("ANALYZE"))
            db.session.commit()


def timed(client, url, auth, runs, **query):
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url, headers=auth, query_string=query)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.get_json()
    samples.sort()
    return statistics.median(samples), samples[max(int(len(samples) * 0.95) - 1, 0)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    app, _url = fresh_app("bench-scope-")
    client = app.test_client()
    response = client.post("/api/v1/cases", headers=headers(client, "clerk_dongcheng"), json={
        "item_code": "330102-XK-001", "applicant": APPLICANT, "materials": ["M01", "M02", "M03", "M04"],
        "form": FOOD_LICENCE_FORM,
        "decision": "accept"})
    assert response.status_code == 201, response.get_json()
    started = time.perf_counter()
    insert_cases(app, response.get_json()["case_no"], args.cases)
    print(f"inserted {args.cases} cases in {time.perf_counter() - started:.1f} s ({app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]})")
    district, city = headers(client, "supervisor_dongcheng"), headers(client, "supervisor")
    today = time.strftime("%Y-%m-%d")
    period = {"from": today[:8] + "01", "to": today}
    for label, url, auth, query in [
        ("district case list (newest 50)", "/api/v1/cases", district, {}),
        ("city statistics by region", "/api/v1/supervision/statistics", city, {**period, "group_by": "region"}),
        ("district statistics by region", "/api/v1/supervision/statistics", district, {**period, "group_by": "region"}),
        ("city statistics by centre", "/api/v1/supervision/statistics", city, {**period, "group_by": "centre"}),
    ]:
        median, p95 = timed(client, url, auth, args.runs, **query)
        print(f"{label:34s} median {median:8.1f} ms   p95 {p95:8.1f} ms")


if __name__ == "__main__":
    main()
