"""Logging in and using bearer tokens."""
from datetime import timedelta

import sqlalchemy as sa

from app.accounts.models import ApiToken
from app.database import utcnow
from app.extensions import db


def test_a_clerk_logs_in_and_sees_who_they_are(client):
    response = client.post("/api/v1/auth/token", json={"username": "clerk_commerce", "password": "Demo@2025"})
    assert response.status_code == 201
    body = response.get_json()
    assert body["token_type"] == "Bearer"
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['token']}"}).get_json()
    assert me["role"] == "clerk" and "window:330100:commerce" in me["groups"]


def test_a_wrong_password_is_401_without_saying_which_part_was_wrong(client):
    wrong_password = client.post("/api/v1/auth/token", json={"username": "clerk_commerce", "password": "x"})
    no_such_user = client.post("/api/v1/auth/token", json={"username": "nobody", "password": "x"})
    assert wrong_password.status_code == no_such_user.status_code == 401
    assert wrong_password.get_json()["message"] == no_such_user.get_json()["message"]


def test_a_login_without_a_password_names_the_field(client):
    response = client.post("/api/v1/auth/token", json={"username": "clerk_commerce"})
    assert response.status_code == 422
    assert "password" in response.get_json()["errors"]["json"]


def test_expired_and_revoked_tokens_no_longer_work(client, app):
    token = client.post("/api/v1/auth/token", json={"username": "scjgj_handler", "password": "Demo@2025"}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/tasks", headers=headers).status_code == 200
    assert client.delete("/api/v1/auth/token", headers=headers).status_code == 204
    assert client.get("/api/v1/tasks", headers=headers).status_code == 401

    token = client.post("/api/v1/auth/token", json={"username": "scjgj_handler", "password": "Demo@2025"}).get_json()["token"]
    with app.app_context():
        for record in db.session.scalars(sa.select(ApiToken).where(ApiToken.revoked_at.is_(None))):
            record.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert client.get("/api/v1/tasks", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_the_public_catalogue_lists_the_items_with_their_elements(client):
    items = client.get("/api/v1/items").get_json()
    assert len(items) >= 5
    food = client.get("/api/v1/items/330100-XK-001").get_json()
    assert food["item_type_label"] == "行政许可" and food["promised_limit"]["label"] == "5个工作日"
    always = [m["code"] for m in food["materials"] if m["required"] and not m["condition"] and not m["situations"]]
    assert always == ["M01", "M02", "M03", "M04"]
    joint = client.get("/api/v1/items/330100-XK-005").get_json()
    assert joint["is_joint"] and [d["code"] for d in joint["co_departments"]] == ["XFZD", "ZRZYJ"]
    assert client.get("/api/v1/items", query_string={"q": "食品"}).get_json()[0]["code"] == "330100-XK-001"
    assert client.get("/api/v1/items/NOPE").status_code == 404


def test_passwords_are_stored_as_argon2id_hashes(app, db):
    from app.accounts.models import User

    with app.app_context():
        stored = db.session.scalars(sa.select(User.password_hash).where(User.username == "admin")).one()
    assert stored.startswith("$argon2id$") and "Demo@2025" not in stored


def test_password_guessing_is_throttled_per_username_and_a_later_success_is_refused_too(client):
    for _ in range(5):
        assert client.post("/api/v1/auth/token", json={"username": "admin", "password": "guess"}).status_code == 401
    blocked = client.post("/api/v1/auth/token", json={"username": "admin", "password": "Demo@2025"})
    assert blocked.status_code == 429 and blocked.get_json()["message"]
    # other users are not locked out by someone guessing the admin's password
    assert client.post("/api/v1/auth/token", json={"username": "supervisor", "password": "Demo@2025"}).status_code == 201
