"""How 办件公示 (/disclosure) scales: the public list of decided cases with e.g. 50 000 decided cases (and a
share of running ones that must not show).

On a fresh database (a temporary SQLite file, or DATABASE_URL) it seeds the demo, bulk-inserts the cases over
the demo items (persons and organisations, granted and refused, decided over two years), then requests the
page through the real app as an anonymous citizen — the first page, a deep page, filtered by item and by
department, searched by case number and by text — and prints p50 / p95 per request.

    python bench/bench_disclosure.py [--cases 50000] [--repeats 30]
"""
import argparse
import datetime as dt
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("LOG_LEVEL", "WARNING")

import sqlalchemy as sa  # noqa: E402

from app.accounts.models import User  # noqa: E402
from app.cases.models import Case  # noqa: E402
from app.catalogue.models import ServiceItem  # noqa: E402
from app.extensions import db  # noqa: E402
from app.workflow.models import ProcessDefinition, WorkflowInstance  # noqa: E402
from benchkit import FAST_HASHING, fresh_app  # noqa: E402 (bench/ is on sys.path)

CHUNK = 5000
RUNNING_SHARE = 10  # one case in ten is still running (not published)


def insert_cases(app, count: int) -> str:
    """``count`` decided cases plus running ones; returns a case number to search for."""
    with app.app_context():
        items = db.session.scalars(sa.select(ServiceItem).where(ServiceItem.status == "published")).all()
        creator = db.session.scalars(sa.select(User.id).where(User.username == "clerk_commerce")).one()
        definition = db.session.scalars(sa.select(ProcessDefinition.id)).first()
        start = dt.datetime(2025, 1, 1, 1, 0, tzinfo=dt.timezone.utc)
        total = count + count // RUNNING_SHARE
        for offset in range(0, total, CHUNK):
            size = min(CHUNK, total - offset)
            first_instance = db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(WorkflowInstance.id), 0))) + 1
            db.session.execute(sa.insert(WorkflowInstance), [
                {"id": first_instance + i, "definition_id": definition, "state": "{}", "serializer_version": "1",
                 "completed": True} for i in range(size)])
            rows = []
            for i in range(size):
                n = offset + i
                item = items[n % len(items)]
                received = start + dt.timedelta(minutes=15 * n)
                running = n % RUNNING_SHARE == RUNNING_SHARE - 1
                organisation = n % 3 == 0
                rows.append({
                    "case_no": f"BENCH{n:010d}", "item_id": item.id, "workflow_instance_id": first_instance + i,
                    "status": "in_progress" if running else "finished",
                    "result": None if running else ("refused" if n % 17 == 0 else "approved"),
                    "applicant_kind": "organisation" if organisation else "person",
                    "applicant_name": f"示范市第{n}号餐饮有限公司" if organisation else f"王{n % 97}明",
                    "applicant_id_number": "91350100M000100Y43" if organisation else "11010519491231002X",
                    "applicant_phone": "13812345678", "received_at": received, "accepted_at": received,
                    "deadline": (received + dt.timedelta(days=10)).date(),
                    "decided_at": None if running else received + dt.timedelta(days=3 + n % 12),
                    "missing_materials": [], "channel": "window", "created_by_id": creator,
                    "receiving_region_code": item.region.code, "handling_region_code": item.region.code,
                    "last_event_seq": 0, "last_event_hash": "",
                })
            db.session.execute(sa.insert(Case), rows)
            db.session.commit()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(sa.text("ANALYZE cases"))
            db.session.commit()
        return f"BENCH{count // 2:010d}"


def timed(client, query: dict, repeats: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        response = client.get("/disclosure", query_string=query)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    cuts = statistics.quantiles(samples, n=20, method="inclusive")
    return statistics.median(samples), cuts[18]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=50000, help="decided cases (10 %% more are left running)")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    app, url = fresh_app("bench-disclosure-", calendar_file=None, **FAST_HASHING)
    started = time.perf_counter()
    case_no = insert_cases(app, args.cases)
    print(f"database: {url.split(':', 1)[0]}, {args.cases} decided cases (+{args.cases // RUNNING_SHARE} running), "
          f"inserted in {time.perf_counter() - started:.1f} s")
    client = app.test_client()
    for label, query in (("page 1", {}), ("page 400", {"page": 400}), ("by item", {"item": "330100-XK-001"}),
                         ("by department", {"department": "ZJJ"}), ("case number", {"q": case_no}),
                         ("text search", {"q": "建筑"}), ("item, page 50", {"item": "330100-XK-002", "page": 50})):
        p50, p95 = timed(client, query, args.repeats)
        print(f"{label:15s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
