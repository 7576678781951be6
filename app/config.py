"""Settings, read from the environment (12-factor). SQLite by default, DATABASE_URL for PostgreSQL."""
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _database_url(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        # Heroku-style URLs name the old driver; psycopg 3 is the one we ship.
        if url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url[len("postgres://"):]
        elif url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        return url
    return f"sqlite:///{Path(instance_path) / 'yichuang.sqlite3'}"


def load_config(instance_path: str) -> dict:
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY", "dev-only-change-me"),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "BPMN_DIR": os.environ.get("BPMN_DIR", str(PROJECT_ROOT / "bpmn")),
        "RULES_DIR": os.environ.get("RULES_DIR", str(PROJECT_ROOT / "rules")),
        "TOKEN_TTL_SECONDS": int(os.environ.get("TOKEN_TTL_SECONDS", 8 * 3600)),
        # argon2id parameters (RFC 9106 second recommended option: 64 MiB, t=3)
        "ARGON2_TIME_COST": int(os.environ.get("ARGON2_TIME_COST", 3)),
        "ARGON2_MEMORY_COST_KIB": int(os.environ.get("ARGON2_MEMORY_COST_KIB", 65536)),
        # login throttling: failed attempts allowed per username / per client address in the window
        "LOGIN_FAILURES_PER_USER": int(os.environ.get("LOGIN_FAILURES_PER_USER", 5)),
        "LOGIN_FAILURES_PER_ADDRESS": int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", 20)),
        "LOGIN_FAILURE_WINDOW_SECONDS": int(os.environ.get("LOGIN_FAILURE_WINDOW_SECONDS", 900)),
        "CASE_NUMBER_PATTERN": os.environ.get("CASE_NUMBER_PATTERN", "{centre}{date:%Y%m%d}{seq:05d}"),
        "SERVICE_CENTRE_CODE": os.environ.get("SERVICE_CENTRE_CODE", "330100"),
        "TIMEZONE": os.environ.get("TIMEZONE", "Asia/Shanghai"),
        # flask-smorest / OpenAPI
        "API_TITLE": "一窗通办 API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": None,
        "JSON_AS_ASCII": False,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    }
