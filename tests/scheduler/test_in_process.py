"""SCHEDULER_IN_PROCESS=1 starts the scheduler inside the web process on its first request (so that CLI
commands and the reloader's watcher never start one); it never starts under tests."""
from flask import Flask

from app.scheduler import jobs


def _app(**config):
    app = Flask(__name__)
    app.config.update(config)
    app.add_url_rule("/ping", "ping", lambda: "pong")
    return app


def test_the_in_process_scheduler_starts_once_on_the_first_request(monkeypatch):
    started = []
    monkeypatch.setattr(jobs, "_background", None)
    monkeypatch.setattr(jobs, "start_in_process", lambda app: started.append(app) or jobs.__setattr__("_background", 1))
    app = _app(SCHEDULER_IN_PROCESS=True, TESTING=False)
    jobs.init_app(app)
    assert started == []  # creating the app (e.g. for `flask db upgrade`) starts nothing
    client = app.test_client()
    client.get("/ping")
    client.get("/ping")
    assert started == [app]


def test_it_is_off_by_default_and_under_tests(monkeypatch):
    started = []
    monkeypatch.setattr(jobs, "start_in_process", lambda app: started.append(app))
    for config in ({}, {"SCHEDULER_IN_PROCESS": True, "TESTING": True}):
        app = _app(**config)
        jobs.init_app(app)
        app.test_client().get("/ping")
    assert started == []
