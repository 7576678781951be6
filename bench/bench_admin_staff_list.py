"""How the admin staff list scales: 20 000 staff accounts in 10 districts (windows and departments in each).

On a fresh database (a temporary SQLite file, or DATABASE_URL) it seeds the demo, creates the districts
through the admin API, bulk-inserts the accounts, then times ``GET /api/v1/admin/users`` as the city admin
and as a district admin (first page, a late page, a search), median of the repeats.

    python bench/bench_admin_staff_list.py [--users 20000] [--repeats 20]
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("LOG_LEVEL", "WARNING")

import sqlalchemy as sa  # noqa: E402

from app.accounts.models import User  # noqa: E402
from app.extensions import db  # noqa: E402
from app.network.models import Department, Region, ServiceCentre, Window  # noqa: E402
from benchkit import FAST_HASHING, fresh_app  # noqa: E402 (bench/ is on sys.path)

PASSWORD = "Demo@2025"
DISTRICTS = 10




def token(client, username):
    response = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


def build_network(app, users):
    client = app.test_client()
    headers = token(client, "admin")
    with app.app_context():
        city = db.session.scalars(sa.select(Region.id).where(Region.code == "330100")).one()
        password_hash = db.session.scalars(sa.select(User.password_hash).where(User.username == "admin")).one()
    for n in range(DISTRICTS):
        code = f"3301{n + 10:02d}"
        district = client.post("/api/v1/admin/regions", headers=headers, json={
            "code": code, "name": f"第{n}区", "level": "district", "parent_id": city}).get_json()
        centre = client.post("/api/v1/admin/centres", headers=headers, json={
            "code": f"{code}-ZX", "name": f"第{n}区中心", "kind": "district", "region_id": district["id"]}).get_json()
        client.post("/api/v1/admin/windows", headers=headers, json={
            "code": f"W-{code}", "name": "全科窗口", "kind": "general", "centre_id": centre["id"]})
        client.post("/api/v1/admin/departments", headers=headers, json={
            "code": f"D{code}", "name": f"第{n}区市场监管局", "region_id": district["id"]})
        client.post("/api/v1/admin/users", headers=headers, json={
            "username": f"admin_{code}", "display_name": "区管理员", "role": "admin", "region_id": district["id"],
            "password": PASSWORD})
    with app.app_context():
        windows = db.session.scalars(sa.select(Window).join(ServiceCentre).where(ServiceCentre.code.like("%-ZX"))).all()
        departments = db.session.scalars(sa.select(Department).where(Department.code.like("D33%"))).all()
        rows = []
        for i in range(users):
            clerk = i % 2 == 0
            rows.append({"username": f"staff_{i:06d}", "display_name": f"工作人员{i}", "password_hash": password_hash,
                         "role": "clerk" if clerk else "handler", "active": True,
                         "window_id": windows[i % len(windows)].id if clerk else None,
                         "department_id": None if clerk else departments[i % len(departments)].id})
        db.session.execute(sa.insert(User), rows)
        db.session.commit()


def timed(client, headers, query, repeats):
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        response = client.get("/api/v1/admin/users", headers=headers, query_string=query)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.get_json()
    return statistics.median(samples), response.get_json()["total"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    app, url = fresh_app("bench-admin-", calendar_file=None, **FAST_HASHING)
    build_network(app, args.users)
    client = app.test_client()
    print(f"database: {url.split(':', 1)[0]}, {args.users} staff accounts in {DISTRICTS} districts")
    for who in ("admin", "admin_330110"):
        headers = token(client, who)
        for label, query in (("page 1", {"per_page": 20}), ("page 50", {"per_page": 20, "page": 50}),
                             ("search", {"q": "staff_0012", "per_page": 20})):
            median, total = timed(client, headers, query, args.repeats)
            print(f"{who:14s} {label:8s} {median:7.1f} ms median   (total {total})")


if __name__ == "__main__":
    main()
