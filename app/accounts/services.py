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


def login_blocked(username: str, remote_addr: str | None) -> bool:
    """Too many failed logins for this username or from this address in the configured window."""
    config = current_app.config
    since = utcnow() - timedelta(seconds=config["LOGIN_FAILURE_WINDOW_SECONDS"])
    failures = sa.select(sa.func.count()).select_from(LoginAttempt).where(
        LoginAttempt.succeeded.is_(False), LoginAttempt.attempted_at >= since)
    by_user = db.session.scalar(failures.where(LoginAttempt.username == username))
    if by_user >= config["LOGIN_FAILURES_PER_USER"]:
        return True
    by_address = db.session.scalar(failures.where(LoginAttempt.remote_addr == remote_addr)) if remote_addr else 0
    return by_address >= config["LOGIN_FAILURES_PER_ADDRESS"]


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
