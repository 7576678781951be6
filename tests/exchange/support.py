"""Helpers of the exchange stories: a local webhook receiver, a publisher running in a thread, bounded waits."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from app.exchange.publisher import Publisher
from app.extensions import db
from tests.support import FOOD_LICENCE

APPROVERS = ("scjgj_handler", "scjgj_reviewer", "scjgj_approver")


def wait_for(condition, timeout=20.0, interval=0.02, message="condition"):
    """Poll ``condition`` until it is truthy (bounded; the bound is a failure, never an assertion of speed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {message}")


class Receiver:
    """A webhook receiver on 127.0.0.1: answers 500 to the first ``fail_first`` requests, then 200."""

    def __init__(self, fail_first=0):
        self.fail_first, self.requests, self.lock = fail_first, [], threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.lock:
                    receiver.requests.append({"headers": dict(self.headers), "body": body})
                    failing = len(receiver.requests) <= receiver.fail_first
                self.send_response(500 if failing else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/events"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def accepted(self):
        """Bodies of the requests answered 200, in arrival order."""
        with self.lock:
            return [json.loads(r["body"]) for r in self.requests[self.fail_first:]]

    def keys(self):
        with self.lock:
            return [r["headers"]["Idempotency-Key"] for r in self.requests[self.fail_first:]]


class RunningPublisher:
    """``flask exchange run`` in a thread of the test process (short poll interval)."""

    def __init__(self, app, **options):
        self.app, self.stop = app, threading.Event()
        self.publisher = Publisher(poll=options.pop("poll", 0.02), expire_every=options.pop("expire_every", 0),
                                   **options)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.error = None

    def _run(self):
        with self.app.app_context():
            try:
                self.publisher.run(stop=self.stop)
            except BaseException as exc:  # surfaced by __exit__
                self.error = exc
            finally:
                db.session.remove()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=30)
        if self.error is not None and exc[0] is None:
            raise self.error


def add_subscriber(api, **fields):
    response = api.as_user("admin").post("/api/v1/admin/exchange/subscribers", json={
        "name": fields.pop("name", "省政务服务平台"), "kind": fields.pop("kind", "webhook"),
        "retry_base_seconds": 0.01, "retry_max_seconds": 0.05, **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def decided_case(api, applicant=None):
    """A food-licence case accepted at the commerce window and approved by 市场监管局 (three steps)."""
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE, **({"applicant": applicant} if applicant else {}))["case_no"]
    for user in APPROVERS:
        api.as_user(user).decide(case_no)
    return case_no
