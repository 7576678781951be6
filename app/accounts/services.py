"""Password checks (argon2id), login throttling and token issue/lookup. Flushes, never commits."""
import hashlib
import logging
import secrets
from datetime import timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app

from app.database import utcnow
from app.extensions import db

from .models import ApiToken, LoginAttempt, User

logger = logging.getLogger(__name__)


def _hasher() -> PasswordHasher:
    config = current_app.config
    return PasswordHasher(time_cost=config["ARGON2_TIME_COST"], memory_cost=config["ARGON2_MEMORY_COST_KIB"],
                          parallelism=1)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def _password_matches(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher().verify(password_hash or _hasher().hash("timing-equaliser"), password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def check_password(password_hash: str | None, password: str) -> bool:
    """An argon2 check that costs the same with or without a hash (the applicant accounts use it too)."""
    return _password_matches(password_hash, password)


def password_needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)


def authenticate(username: str, password: str) -> User | None:
    user = db.session.scalars(sa.select(User).where(User.username == username)).first()
    if user is None or not user.active:
        _password_matches(None, password)  # same work as a real check: timing does not reveal usernames
        return None
    if not _password_matches(user.password_hash, password):
        logger.info("failed login for user id %s", user.id)
        return None
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def login_wait_seconds(username: str, remote_addr: str | None) -> int:
    """How long this (username, address) must wait before its next login attempt; 0 = may try now.

    - per (username, address): LOGIN_FAILURES_PER_USER failures in the window block that pair;
    - per address: LOGIN_FAILURES_PER_ADDRESS failures (any usernames) block the address;
    - per username from everywhere: after LOGIN_FAILURES_GLOBAL failures, every address that has not logged in
      as this user before waits a delay doubling with each further failure (up to the window), so a guesser
      spread over many addresses is slowed down while the user's own address with the right password still
      gets in — nobody can lock a user out from elsewhere.
    """
    config = current_app.config
    window = config["LOGIN_FAILURE_WINDOW_SECONDS"]
    now = utcnow()
    since = now - timedelta(seconds=window)
    address = (remote_addr or "")[:64]
    failures = sa.select(sa.func.count()).select_from(LoginAttempt).where(
        LoginAttempt.succeeded.is_(False), LoginAttempt.attempted_at >= since)
    if db.session.scalar(failures.where(LoginAttempt.username == username, LoginAttempt.remote_addr == address)) \
            >= config["LOGIN_FAILURES_PER_USER"]:
        return window
    if address and db.session.scalar(failures.where(LoginAttempt.remote_addr == address)) \
            >= config["LOGIN_FAILURES_PER_ADDRESS"]:
        return window
    everywhere = db.session.scalar(failures.where(LoginAttempt.username == username))
    excess = everywhere - config["LOGIN_FAILURES_GLOBAL"]
    if excess < 0 or _known_address(username, address):
        return 0
    last_failure = db.session.scalar(sa.select(sa.func.max(LoginAttempt.attempted_at)).where(
        LoginAttempt.username == username, LoginAttempt.succeeded.is_(False)))
    delay = min(2 ** min(excess, 20), window)
    waited = (now - last_failure).total_seconds() if last_failure is not None else delay
    return max(0, int(delay - waited + 0.999))


def _known_address(username: str, address: str) -> bool:
    """The address logged in as this user successfully within the last 30 days."""
    return bool(address) and db.session.scalar(sa.select(sa.func.count()).select_from(LoginAttempt).where(
        LoginAttempt.username == username, LoginAttempt.remote_addr == address, LoginAttempt.succeeded.is_(True),
        LoginAttempt.attempted_at >= utcnow() - timedelta(days=30))) > 0


def login_blocked(username: str, remote_addr: str | None) -> bool:
    """Whether this attempt must be refused now (see :func:`login_wait_seconds`)."""
    return login_wait_seconds(username, remote_addr) > 0


def record_login_attempt(username: str, remote_addr: str | None, succeeded: bool) -> None:
    db.session.add(LoginAttempt(username=username[:80], remote_addr=(remote_addr or "")[:64], succeeded=succeeded))
    if succeeded:  # a successful login clears the user's failure count
        db.session.execute(sa.delete(LoginAttempt).where(
            LoginAttempt.username == username, LoginAttempt.succeeded.is_(False)))
    db.session.flush()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User) -> tuple[str, ApiToken]:
    token = secrets.token_urlsafe(32)
    record = ApiToken(
        token_hash=_digest(token),
        user=user,
        expires_at=utcnow() + timedelta(seconds=current_app.config["TOKEN_TTL_SECONDS"]),
    )
    db.session.add(record)
    db.session.flush()
    return token, record


def user_for_token(token: str) -> User | None:
    record = db.session.scalars(sa.select(ApiToken).where(ApiToken.token_hash == _digest(token))).first()
    if record is None or record.revoked_at is not None or record.expires_at <= utcnow():
        return None
    if not record.user.active:
        return None
    return record.user


def revoke_token(token: str) -> bool:
    record = db.session.scalars(sa.select(ApiToken).where(ApiToken.token_hash == _digest(token))).first()
    if record is None or record.revoked_at is not None:
        return False
    record.revoked_at = utcnow()
    return True
