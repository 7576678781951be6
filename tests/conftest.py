"""Test fixtures: the app on a real database (SQLite file by default, PostgreSQL via DATABASE_URL), the
schema created by the alembic migrations, and the demo organisation seeded before every test."""
import os
import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from app import create_app
from app.extensions import db as _db
from tests.support import ApiClient

DEMO_PASSWORD = "Demo@2025"
#: the centre's public site in tests: printed URLs and QR codes must start with it, whatever the Host header
PUBLIC_BASE_URL = "https://zwfw.example.gov.cn"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    configured = os.environ.get("DATABASE_URL")
    if not configured:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"  # per worker: its own temp dir
    return _worker_database(configured)


def _worker_database(url: str) -> str:
    """Under pytest-xdist every worker gets a database of its own on the same server (test → test_gw0, …),
    created when missing; without xdist the configured database itself."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    parsed = sa.engine.make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    if not worker or parsed.get_backend_name() == "sqlite":
        return url
    name = f"{parsed.database}_{worker}"
    server = sa.create_engine(parsed, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        if not connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    from flask_migrate import upgrade

    app = create_app({
        "TESTING": True,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "AUDIT_KEY": secrets.token_urlsafe(48),
        "AUDIT_CHECKPOINT_DIR": str(tmp_path_factory.mktemp("audit_checkpoints")),  # outside the database
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        "SEAL_KEYS_DIR": str(tmp_path_factory.mktemp("seals")),  # each test run makes its own demo CA
        "FILE_STORAGE_DIR": str(tmp_path_factory.mktemp("files")),  # never the instance folder
        "SQLALCHEMY_DATABASE_URI": database_url.replace("postgresql://", "postgresql+psycopg://", 1),
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST_KIB": 8,
    })
    with app.app_context():
        _drop_everything()
        upgrade()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


def _drop_everything():
    """Start from an empty database (a previous run may have left tables behind)."""
    engine = _db.engine
    with engine.begin() as connection:
        metadata = sa.MetaData()
        metadata.reflect(connection)
        metadata.drop_all(connection)


@pytest.fixture()
def db(app):
    """A clean, seeded database for one test (process definitions are kept: they are immutable)."""
    from app.demo.seed import seed_demo

    with app.app_context():
        tables = [t for t in reversed(_db.metadata.sorted_tables) if t.name != "process_definitions"]
        with _db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # the history tables refuse DELETE (append-only trigger); the test superuser clears them
                connection.execute(sa.text("SET LOCAL session_replication_role = replica"))
            for table in tables:
                connection.execute(table.delete())
        # stories about unknown years need 2027 unknown; every test starts from the shipped processes, even
        # after an earlier test deployed a designer's version (definitions are kept between tests)
        seed_demo(DEMO_PASSWORD, calendar_file=None, keep_people_versions=False)
        _db.session.commit()
        _db.session.remove()
    # No app context is held during the test: every request gets its own context and session, as in
    # production. Tests that inspect the database open one with ``app.app_context()``.
    yield _db


#: The local time the case clock reads in tests unless a test moves it: a Monday whose working-day
#: arithmetic is fully covered by the statutory calendar (deadlines of up to 45 working days stay in 2026).
DEFAULT_TEST_NOW = datetime(2026, 3, 2, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def case_clock(monkeypatch):
    """Pin the local clock used for acceptance dates and deadlines; ``case_clock.set(dt)`` moves it."""

    class Clock:
        now = DEFAULT_TEST_NOW

        def set(self, value):
            self.now = value

    clock = Clock()
    monkeypatch.setattr("app.cases.lifecycle.local_now", lambda: clock.now)
    return clock


@pytest.fixture()
def client(app, db):
    return app.test_client()


@pytest.fixture()
def api(app, db):
    """A story-level client: ``api.as_user("clerk_commerce").accept_case(...)``."""
    return ApiClient(app, DEMO_PASSWORD)
