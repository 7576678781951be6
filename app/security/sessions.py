"""Server-side page sessions: ``open_session`` at login puts a random token into the (signed) cookie and
stores its hash with an expiry of one working day; ``session_principal`` answers who the cookie belongs to
only while that row is neither expired nor revoked; ``close_session`` revokes it at logout. The caller's
request commits, as everywhere."""
import hashlib
import logging
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, session

from app.database import utcnow
from app.extensions import db

from .models import PageSession

logger = logging.getLogger(__name__)

SESSION_KEY = "sid"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def lifetime() -> timedelta:
    return current_app.permanent_session_lifetime


def open_session(principal_kind: str, principal_id: int) -> None:
    """Start a fresh session for the principal (the cookie's other contents are cleared, the language kept)."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    token = secrets.token_urlsafe(32)
    db.session.add(PageSession(token_hash=_hash(token), principal_kind=principal_kind, principal_id=principal_id,
                               expires_at=utcnow() + lifetime()))
    db.session.flush()
    session[SESSION_KEY] = token
    session.permanent = True


def _row() -> PageSession | None:
    token = session.get(SESSION_KEY)
    if not isinstance(token, str) or len(token) > 100:
        return None
    return db.session.scalars(sa.select(PageSession).where(PageSession.token_hash == _hash(token))).first()


def session_principal(principal_kind: str) -> int | None:
    """The id of the principal of this kind logged in by this cookie, or None."""
    row = _row()
    if row is None or row.principal_kind != principal_kind or row.revoked_at is not None or row.expires_at <= utcnow():
        return None
    return row.principal_id


def close_session() -> None:
    """Revoke the server-side session of this cookie and clear the cookie (the language kept)."""
    row = _row()
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        db.session.flush()
        logger.info("page session %s revoked", row.id)
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def revoke_sessions_of(principal_kind: str, principal_id: int) -> int:
    """End every open session of a principal (deactivated account, password reset)."""
    result = db.session.execute(sa.update(PageSession).where(
        PageSession.principal_kind == principal_kind, PageSession.principal_id == principal_id,
        PageSession.revoked_at.is_(None)).values(revoked_at=utcnow()))
    return result.rowcount or 0
