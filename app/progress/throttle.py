"""Throttling of public lookups by case number/licence number + code, per client address (persisted)."""
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from app.database import utcnow
from app.errors import TooManyRequests
from app.extensions import db

from .models import PublicLookupAttempt


def guard_public_lookup(remote_addr: str | None) -> None:
    """429 once the address has PUBLIC_LOOKUP_FAILURES failed lookups within PUBLIC_LOOKUP_WINDOW_SECONDS."""
    config = current_app.config
    since = utcnow() - timedelta(seconds=config["PUBLIC_LOOKUP_WINDOW_SECONDS"])
    failures = db.session.scalar(sa.select(sa.func.count()).select_from(PublicLookupAttempt).where(
        PublicLookupAttempt.remote_addr == (remote_addr or "")[:64], PublicLookupAttempt.succeeded.is_(False),
        PublicLookupAttempt.attempted_at >= since))
    if failures >= config["PUBLIC_LOOKUP_FAILURES"]:
        raise TooManyRequests("查询失败次数过多，请15分钟后再试")


def record_public_lookup(remote_addr: str | None, succeeded: bool) -> None:
    db.session.add(PublicLookupAttempt(remote_addr=(remote_addr or "")[:64], succeeded=succeeded))
    db.session.flush()
