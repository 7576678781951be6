"""How the staff lists scale (issue 13 / 15): 办件查询, the inbox and the window's lists over N seeded cases.

On a fresh database (a temporary SQLite file, or DATABASE_URL — emptied first) it seeds the demo, adds N cases
in every state with ``app.demo.bulk.seed_cases`` (as ``flask seed-demo --cases N`` does), logs in through the
login page and times each list page (server-side rendering included) as the role that uses it, printing p50 /
p95 in milliseconds and the number of SQL statements of one request, with the machine it ran on.

    python bench/bench_lists.py [--cases 10000] [--repeats 30]
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench python bench/bench_lists.py --cases 100000
"""
import argparse
import os
import platform
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("LOG_LEVEL", "WARNING")

import sqlalchemy as sa  # noqa: E402

from app.demo.bulk import seed_cases  # noqa: E402
from app.extensions import db  # noqa: E402
from benchkit import FAST_HASHING, fresh_app  # noqa: E402 (bench/ is on sys.path)

PASSWORD = "Demo@2025"
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|<meta name="csrf-token" content="([^"]+)"')

#: (role's user, page) — each filter combination the pages offer, a late page, the exports' first bytes excluded
PAGES = (
    ("clerk_commerce", "/cases"),
    ("clerk_commerce", "/cases?suffix=4321"),
    ("clerk_commerce", "/cases?status=in_progress&sort=deadline&size=100"),
    ("clerk_commerce", "/cases?name=王&received_from=2026-01-01&page=5"),
    ("supervisor", "/cases"),
    ("supervisor", "/cases?level=red&department=SCJGJ"),
    ("supervisor", "/cases?item=330100-XK-002&sort=status&page=40"),
    ("scjgj_handler", "/inbox?size=50"),
    ("scjgj_handler", "/inbox?colour=red&size=50"),
    ("scjgj_approver", "/inbox?sort=urgency&size=50"),
    ("clerk_commerce", "/window/today"),
    ("clerk_commerce", "/window/issuance"),
    ("clerk_commerce", "/window"),
)


def logged_in(app, username):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    match = _TOKEN.search(page)
    response = client.post("/login", data={"username": username, "password": PASSWORD,
                                           "csrf_token": match.group(1) or match.group(2)})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return client


def measure(app, client, url, repeats):
    with app.app_context():
        engine = db.engine
    seen = []
    listener = lambda *_args: seen.append(1)  # noqa: E731
    sa.event.listen(engine, "before_cursor_execute", listener)
    try:
        response = client.get(url)
    finally:
        sa.event.remove(engine, "before_cursor_execute", listener)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, len(seen)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    app, url = fresh_app("bench-lists-", **FAST_HASHING)
    start = time.perf_counter()
    with app.app_context():
        added = seed_cases(args.cases, seed=13)
        db.session.commit()
        running = db.session.scalar(sa.select(sa.func.count()).select_from(sa.text("cases"))
                                    .where(sa.text("status = 'in_progress'")))
    seeded = time.perf_counter() - start
    print(f"machine: {platform.node()} · {platform.machine()} · {os.cpu_count()} CPUs · "
          f"Python {platform.python_version()} · {url.split(':', 1)[0]}")
    print(f"seeded {added} cases ({running} running) in {seeded:.1f} s ({added / max(seeded, 1e-9):.0f} cases/s)")
    print(f"{'page':<58} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>5}")
    clients = {}
    for username, page in PAGES:
        client = clients.setdefault(username, logged_in(app, username))
        p50, p95, count = measure(app, client, page, args.repeats)
        print(f"{username + ' ' + page:<58} {p50:8.1f} {p95:8.1f} {count:5d}")


if __name__ == "__main__":
    main()
