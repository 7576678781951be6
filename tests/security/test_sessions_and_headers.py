"""Sessions and headers as an attacker would probe them: no forgeable key, a cookie that dies with the logout,
pages that cannot be framed or cached, and a client address taken only from our own proxies."""
import os
import stat

import pytest
from flask import request

from app import create_app
from app.security.secret_key import InsecureConfiguration, resolve_secret_key
from tests.web.conftest import Browser

MEMORY_DB = {"SQLALCHEMY_DATABASE_URI": "sqlite://"}


def test_production_refuses_to_start_without_a_strong_secret_key():
    with pytest.raises(InsecureConfiguration, match="SECRET_KEY must be set"):
        create_app({**MEMORY_DB, "APP_ENV": "production", "SECRET_KEY": None})
    with pytest.raises(InsecureConfiguration, match="too weak"):
        create_app({**MEMORY_DB, "APP_ENV": "production", "SECRET_KEY": "dev-only-change-me"})
    with pytest.raises(InsecureConfiguration, match="too weak"):
        create_app({**MEMORY_DB, "SECRET_KEY": "short"})  # weak keys are refused in the demo too
    strong, audit = "k3y-" + "a1B2c3D4e5F6g7H8i9J0" * 2, "audit-" + "Z9y8X7w6V5u4T3s2R1q0" * 2
    assert create_app({**MEMORY_DB, "APP_ENV": "production", "SECRET_KEY": strong,
                       "AUDIT_KEY": audit}).secret_key == strong


def test_production_refuses_to_start_without_its_own_audit_key():
    """The history's HMAC key is held apart from the database and from the cookie key."""
    strong = "k3y-" + "a1B2c3D4e5F6g7H8i9J0" * 2
    with pytest.raises(InsecureConfiguration, match="AUDIT_KEY must be set"):
        create_app({**MEMORY_DB, "APP_ENV": "production", "SECRET_KEY": strong})
    with pytest.raises(InsecureConfiguration, match="AUDIT_KEY is too weak"):
        create_app({**MEMORY_DB, "APP_ENV": "production", "SECRET_KEY": strong, "AUDIT_KEY": "audit"})
    with pytest.raises(InsecureConfiguration, match="must differ"):
        create_app({**MEMORY_DB, "APP_ENV": "production", "SECRET_KEY": strong, "AUDIT_KEY": strong})


def test_the_demo_generates_its_key_once_and_keeps_it_private(tmp_path):
    first = resolve_secret_key(None, "development", str(tmp_path))
    assert len(first) >= 32
    assert resolve_secret_key(None, "development", str(tmp_path)) == first  # sessions survive a restart
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600
    assert resolve_secret_key(None, "development", str(tmp_path / "other")) != first


def test_a_cookie_copied_before_logout_no_longer_logs_anyone_in(app, db):
    clerk = Browser(app.test_client())
    clerk.login("clerk_commerce")
    stolen = clerk.client.get_cookie("session").value
    assert clerk.get("/window").status_code == 200

    clerk.get("/window")
    clerk.post("/logout")

    thief = app.test_client()
    thief.set_cookie("session", stolen)
    response = thief.get("/window")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_session_cookie_is_lax_http_only_and_lasts_a_working_day(app, db):
    browser = Browser(app.test_client())
    response = browser.login("clerk_commerce")
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert app.permanent_session_lifetime.total_seconds() == 10 * 3600
    assert "Secure" not in cookie  # plain HTTP in the demo; SESSION_COOKIE_SECURE=1 behind HTTPS


def test_every_answer_carries_the_security_headers_and_personal_data_is_not_cached(app, db, api):
    case_no = api.as_user("clerk_commerce").accept_case()["case_no"]
    clerk = Browser(app.test_client())
    clerk.login("clerk_commerce")
    for response in (clerk.get(f"/cases/{case_no}"), clerk.get("/"), app.test_client().get("/login"),
                     app.test_client().get(f"/api/v1/cases/{case_no}",
                                           headers={"Authorization": f"Bearer {api.token('clerk_commerce')}"})):
        headers = response.headers
        policy = headers["Content-Security-Policy"]
        script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "frame-ancestors 'none'" in policy
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["Cache-Control"] == "no-store"
        assert "Strict-Transport-Security" not in headers  # plain HTTP
    static = app.test_client().get("/static/css/app.css")
    assert static.headers.get("Cache-Control") != "no-store"
    secure = app.test_client().get("/login", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.parametrize("proxies, expected", [(0, "127.0.0.1"), (1, "203.0.113.7")])
def test_the_client_address_comes_only_from_as_many_proxies_as_configured(proxies, expected):
    app = create_app({**MEMORY_DB, "TRUSTED_PROXIES": proxies, "SECRET_KEY": "proxy-test-" + "a1B2c3D4e5F6g7H8i9J0" * 2})
    app.add_url_rule("/_address", "address", lambda: request.remote_addr)
    response = app.test_client().get("/_address", headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.7"})
    assert response.get_data(as_text=True) == expected


def test_a_password_reset_ends_the_staff_member_s_open_browser_sessions(app, db, api):
    clerk = Browser(app.test_client())
    clerk.login("clerk_commerce")
    assert clerk.get("/window").status_code == 200
    admin = api.as_user("admin")
    user_id = admin.get("/api/v1/admin/users", query_string={"q": "clerk_commerce"}).get_json()["items"][0]["id"]
    reset = admin.post(f"/api/v1/admin/users/{user_id}/password", json={"password": "Another@2026x"})
    assert reset.status_code == 204, reset.get_data(as_text=True)
    assert clerk.get("/window").status_code == 302
