"""Events per second through the outbox and the publisher's lag under a load of task completions.

On a fresh database (a temporary SQLite file, or DATABASE_URL) it accepts N food-licence cases at the
window, adds a webhook subscriber (a local HTTP receiver answering 200) — and a RabbitMQ subscriber when
``--amqp URL`` is given — and starts the publisher(s) (``flask exchange run`` in threads). Then worker
threads complete the cases' 承办, 审核 and 审批 tasks through the HTTP API, paced at ``--rate`` completions
per second, while the publishers deliver. It prints the completion rate reached, the events written to the
outbox and delivered per second, and the lag of each delivery (outbox write → delivered): median, p95, max.

    python bench/bench_exchange.py [--cases 100] [--rate 100] [--workers 4] [--publishers 2]
                                   [--amqp amqp://guest:guest@127.0.0.1:5672/%2F]
"""
import argparse
import os
import queue
import statistics
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("LOG_LEVEL", "WARNING")

import sqlalchemy as sa  # noqa: E402

from app.exchange.models import Delivery, OutboxRecord  # noqa: E402
from app.exchange.publisher import Publisher  # noqa: E402
from app.extensions import db  # noqa: E402
from benchkit import APPLICANT, FAST_HASHING, FOOD_LICENCE_FORM, fresh_app  # noqa: E402 (bench/ is on sys.path)

PASSWORD = "Demo@2025"
STEPS = ("scjgj_handler", "scjgj_reviewer", "scjgj_approver")


class Ok(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def token(client, username):
    response = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


def accept_cases(app, count):
    client = app.test_client()
    headers = token(client, "clerk_commerce")
    for _ in range(count):
        response = client.post("/api/v1/cases", headers=headers, json={
            "item_code": "330100-XK-001", "applicant": APPLICANT, "materials": ["M01", "M02", "M03", "M04"],
            "decision": "accept", "form": FOOD_LICENCE_FORM})
        assert response.status_code == 201, response.get_json()


def complete_round(app, user, rate, workers):
    """Complete every ready task of ``user`` at ``rate`` per second; (completions, seconds)."""
    client = app.test_client()
    headers = token(client, user)
    tasks = client.get("/api/v1/tasks", headers=headers).get_json()
    jobs = queue.Queue()
    start = time.monotonic() + 0.05
    for n, task in enumerate(tasks):
        jobs.put((start + n / rate, task["id"]))
    errors = []

    def work():
        http = app.test_client()
        while True:
            try:
                due, task_id = jobs.get_nowait()
            except queue.Empty:
                return
            time.sleep(max(0.0, due - time.monotonic()))
            response = http.post(f"/api/v1/tasks/{task_id}/complete", headers=headers,
                                 json={"decision": "approve", "opinion": "同意"})
            if response.status_code != 200:
                errors.append(response.status_code)

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        print(f"  {user}: {len(errors)} completions refused ({sorted(set(errors))})")
    return len(tasks) - len(errors), time.monotonic() - start


def run_publishers(app, count, stop):
    def run(n):
        with app.app_context():
            Publisher(poll=0.05, batch=200, expire_every=0, name=f"bench-{n}").run(stop=stop)

    threads = [threading.Thread(target=run, args=(n,), daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    return threads


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--rate", type=float, default=100.0, help="target completions per second")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--publishers", type=int, default=2)
    parser.add_argument("--amqp", default=None, help="also publish to this RabbitMQ broker")
    args = parser.parse_args()

    app, url = fresh_app("bench-exchange-", **FAST_HASHING, EXCHANGE_ALLOW_HTTP_WEBHOOKS=True)
    print(f"database: {url.split('@')[-1]}")
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Ok)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    admin = app.test_client()
    headers = token(admin, "admin")
    subscribers = [{"name": "webhook", "kind": "webhook", "url": f"http://127.0.0.1:{receiver.server_port}/in"}]
    if args.amqp:
        subscribers.append({"name": "rabbitmq", "kind": "amqp", "url": args.amqp, "amqp_exchange": "yichuang.bench"})
    accept_cases(app, args.cases)  # before the subscribers: the load below is the completions only
    for subscriber in subscribers:
        assert admin.post("/api/v1/admin/exchange/subscribers", headers=headers, json=subscriber).status_code == 201

    stop = threading.Event()
    threads = run_publishers(app, args.publishers, stop)
    began = time.monotonic()
    done, busy = 0, 0.0
    for user in STEPS:
        count, seconds = complete_round(app, user, args.rate, args.workers)
        done, busy = done + count, busy + seconds
    with app.app_context():
        total = db.session.scalar(sa.select(sa.func.count()).select_from(Delivery))
        events = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxRecord).where(
            OutboxRecord.topic != "case.received", OutboxRecord.topic != "case.accepted"))

    def delivered():
        with app.app_context():
            n = db.session.scalar(sa.select(sa.func.count()).select_from(Delivery).where(
                Delivery.status == "delivered"))
            db.session.remove()
            return n

    while delivered() < total:
        time.sleep(0.05)
    elapsed = time.monotonic() - began
    stop.set()
    for thread in threads:
        thread.join(timeout=10)
    with app.app_context():
        rows = db.session.execute(sa.select(Delivery.delivered_at, OutboxRecord.created_at).join(
            OutboxRecord, OutboxRecord.id == Delivery.outbox_id)).all()
    lags = [(d - c).total_seconds() for d, c in rows]
    print(f"completions: {done} in {busy:.1f}s = {done / busy:.1f}/s (target {args.rate:.0f}/s, "
          f"{args.workers} workers)")
    print(f"outbox: {events} events from the completions, {total} deliveries to {len(subscribers)} subscriber(s) "
          f"by {args.publishers} publisher(s)")
    print(f"throughput: {events / elapsed:.1f} events/s, {total / elapsed:.1f} deliveries/s "
          f"(first completion to last delivery: {elapsed:.1f}s)")
    print(f"publisher lag (outbox write → delivered): median {statistics.median(lags) * 1000:.0f} ms, "
          f"p95 {percentile(lags, 0.95) * 1000:.0f} ms, max {max(lags) * 1000:.0f} ms")
    receiver.shutdown()


if __name__ == "__main__":
    main()
