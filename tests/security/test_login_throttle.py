"""Password guessing is slowed down without letting the guesser lock the real user out."""
import sqlalchemy as sa

from app.accounts.models import LoginAttempt
from app.accounts.services import login_wait_seconds

RIGHT = "Demo@2025"


def _login(client, address, password, username="admin"):
    return client.post("/api/v1/auth/token", json={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_a_guesser_at_one_address_does_not_lock_out_the_user_at_another(client):
    for _ in range(5):
        assert _login(client, "198.51.100.9", "guess").status_code == 401
    assert _login(client, "198.51.100.9", RIGHT).status_code == 429  # this pair is blocked
    assert _login(client, "10.1.2.3", RIGHT).status_code == 201  # the admin at the office is not


def test_guesses_spread_over_many_addresses_make_unknown_addresses_wait_longer_and_longer(client, app, db):
    assert _login(client, "10.1.2.3", RIGHT).status_code == 201  # the admin's own address, known from now on
    for n in range(10):
        assert _login(client, f"198.51.100.{n}", "guess").status_code == 401
    assert _login(client, "203.0.113.1", "guess").status_code == 429  # a fresh address must now wait
    with app.app_context():
        first = login_wait_seconds("admin", "203.0.113.2")
        db.session.add_all(
            LoginAttempt(username="admin", remote_addr=f"192.0.2.{n}", succeeded=False) for n in range(4))
        db.session.commit()
        later = login_wait_seconds("admin", "203.0.113.2")
    assert 1 <= first < later <= app.config["LOGIN_FAILURE_WINDOW_SECONDS"]
    # the right password from the admin's own address still works, and clears the guesses
    assert _login(client, "10.1.2.3", RIGHT).status_code == 201
    with app.app_context():
        left = db.session.scalar(sa.select(sa.func.count()).select_from(LoginAttempt).where(
            LoginAttempt.username == "admin", LoginAttempt.succeeded.is_(False)))
    assert left == 0


def test_one_address_guessing_many_usernames_is_blocked(client, app):
    for n in range(app.config["LOGIN_FAILURES_PER_ADDRESS"]):
        _login(client, "198.51.100.50", "guess", username=f"nobody{n}")
    assert _login(client, "198.51.100.50", RIGHT, username="supervisor").status_code == 429
    assert _login(client, "10.9.9.9", RIGHT, username="supervisor").status_code == 201
