"""Median time of one back-office task completion through the real HTTP API.

Starts the app on a real HTTP server (werkzeug, threaded) against a fresh database (a temporary SQLite
file, or DATABASE_URL), accepts N food-licence cases at the window and completes their 承办, 审核 and
审批 tasks over HTTP, timing each completion request end to end (HTTP + auth + row lock + engine load
→ step → save + task projection + hash-chained event + commit).

    python bench/bench_task_completion.py [--cases 50]
"""
import argparse
import json
import os
import statistics
import sys
import threading
import time
import http.client

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("LOG_LEVEL", "WARNING")

from werkzeug.serving import make_server  # noqa: E402

from benchkit import APPLICANT, FAST_HASHING, FOOD_LICENCE_FORM, fresh_app  # noqa: E402 (bench/ is on sys.path)



class Http:
    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port)

    def call(self, method, path, body=None, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self.connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = self.connection.getresponse()
        payload = json.loads(response.read() or b"null")
        if response.status >= 400:
            raise RuntimeError(f"{method} {path}: {response.status} {payload}")
        return payload


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=50)
    args = parser.parse_args()

    app, url = fresh_app("bench-", **FAST_HASHING)

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    http = Http(server.server_port)
    tokens = {u: http.call("POST", "/api/v1/auth/token", {"username": u, "password": "Demo@2025"})["token"]
              for u in ("clerk_commerce", "scjgj_handler", "scjgj_reviewer", "scjgj_approver")}

    case_numbers = []
    started = time.perf_counter()
    for _ in range(args.cases):
        case = http.call("POST", "/api/v1/cases", {"item_code": "330100-XK-001", "applicant": APPLICANT,
                                                   "materials": ["M01", "M02", "M03", "M04"],
                                                   "form": FOOD_LICENCE_FORM, "decision": "accept"},
                         tokens["clerk_commerce"])
        case_numbers.append(case["case_no"])
    acceptance_seconds = (time.perf_counter() - started) / args.cases

    timings = []
    for user in ("scjgj_handler", "scjgj_reviewer", "scjgj_approver"):
        for case_no in case_numbers:
            task = http.call("GET", f"/api/v1/tasks?case_no={case_no}", token=tokens[user])[0]
            begin = time.perf_counter()
            http.call("POST", f"/api/v1/tasks/{task['id']}/complete", {"decision": "approve", "opinion": "同意"},
                      tokens[user])
            timings.append(time.perf_counter() - begin)
    server.shutdown()

    timings.sort()
    backend = url.split(":", 1)[0]
    print(f"backend: {backend}; cases: {args.cases}; task completions timed: {len(timings)}")
    print(f"task completion over HTTP: median {statistics.median(timings) * 1000:.1f} ms, "
          f"p95 {timings[int(len(timings) * 0.95) - 1] * 1000:.1f} ms, max {timings[-1] * 1000:.1f} ms")
    print(f"case acceptance over HTTP (create + engine start + acceptance): mean {acceptance_seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()
