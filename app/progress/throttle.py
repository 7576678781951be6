"""Throttling of public lookups by number + code (persisted, so it holds across processes), per client and per
case without letting one abuser lock out others:

- per client address: PUBLIC_LOOKUP_FAILURES failed lookups of any number within PUBLIC_LOOKUP_WINDOW_SECONDS
  and the address gets 429 for everything;
- per number (case, online application, licence): once it has drawn PUBLIC_LOOKUP_SUBJECT_FAILURES failures
  from all addresses together within PUBLIC_LOOKUP_SUBJECT_WINDOW_SECONDS (a day), every address that has
  itself failed on that number in that time (since its last success on it) gets 429 for that number. An
  address that has not failed on it is still heard, so the applicant with the right code gets in while
  strangers guess, and a success clears the applicant's own earlier typos; a guesser spread over many
  addresses gets one guess per address per day on that case instead of a few hundred.

An unknown number is throttled exactly as a known one (the answers never tell whether a case exists)."""
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from app.database import utcnow
from app.errors import NotFound, TooManyRequests
from app.extensions import db

from .models import PublicLookupAttempt

ADDRESS_MESSAGE = "查询失败次数过多，请15分钟后再试"
SUBJECT_MESSAGE = "该编号查询失败次数过多，请明日再试，或携带受理通知书到窗口查询"


def lookup_subject(kind: str, number: str | None) -> str:
    """The throttle's key of a looked-up number: ``case:…``, ``application:…``, ``licence:…``."""
    return f"{kind}:{(number or '').strip()}"[:80]


def _address(remote_addr: str | None) -> str:
    return (remote_addr or "")[:64]


def _failures(*conditions) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(PublicLookupAttempt).where(
        PublicLookupAttempt.succeeded.is_(False), *conditions))


def guard_public_lookup(remote_addr: str | None, subject: str | None = None) -> None:
    """429 (TooManyRequests) when the address, or the address on this number, must wait; see the module."""
    config = current_app.config
    now = utcnow()
    address = _address(remote_addr)
    recent = now - timedelta(seconds=config["PUBLIC_LOOKUP_WINDOW_SECONDS"])
    if _failures(PublicLookupAttempt.remote_addr == address,
                 PublicLookupAttempt.attempted_at >= recent) >= config["PUBLIC_LOOKUP_FAILURES"]:
        raise TooManyRequests(ADDRESS_MESSAGE)
    if subject is None:
        return
    since = now - timedelta(seconds=config["PUBLIC_LOOKUP_SUBJECT_WINDOW_SECONDS"])
    on_subject = (PublicLookupAttempt.subject == subject, PublicLookupAttempt.attempted_at >= since)
    if (_own_failures_on(address, subject, since)
            and _failures(*on_subject) >= config["PUBLIC_LOOKUP_SUBJECT_FAILURES"]):
        raise TooManyRequests(SUBJECT_MESSAGE)


def _own_failures_on(address: str, subject: str, since) -> int:
    """The address's failures on the number since ``since`` and since its last success on it."""
    mine = (PublicLookupAttempt.remote_addr == address, PublicLookupAttempt.subject == subject)
    last_success = db.session.scalar(sa.select(sa.func.max(PublicLookupAttempt.attempted_at)).where(
        *mine, PublicLookupAttempt.succeeded.is_(True), PublicLookupAttempt.attempted_at >= since))
    return _failures(*mine, PublicLookupAttempt.attempted_at >= (last_success or since))


def record_public_lookup(remote_addr: str | None, succeeded: bool, subject: str | None = None) -> None:
    db.session.add(PublicLookupAttempt(remote_addr=_address(remote_addr), subject=subject,
                                       succeeded=succeeded))
    db.session.flush()


def record_public_success(remote_addr: str | None, subject: str) -> None:
    """A right code: recorded only when the address had failed on the number (it clears those failures for
    the per-number rule), so that ordinary lookups write nothing. The caller commits."""
    config = current_app.config
    since = utcnow() - timedelta(seconds=config["PUBLIC_LOOKUP_SUBJECT_WINDOW_SECONDS"])
    if _own_failures_on(_address(remote_addr), subject, since):
        record_public_lookup(remote_addr, succeeded=True, subject=subject)


def failures_counted(lookup, *args):
    """Run a public lookup by number + code; when it ends in NotFound, commit the failure it recorded before
    the error leaves the request (the request's own transaction rolls back), so that the throttle counts it."""
    try:
        return lookup(*args)
    except NotFound:
        db.session.commit()
        raise


def public_submissions(remote_addr: str | None, subject: str, window_seconds: int) -> int:
    """How many public submissions of ``subject`` (e.g. ``feedback:submitted``) the address made within the
    window: rows of the same table, recorded as successes so that they never count as failed lookups."""
    since = utcnow() - timedelta(seconds=window_seconds)
    return db.session.scalar(sa.select(sa.func.count()).select_from(PublicLookupAttempt).where(
        PublicLookupAttempt.remote_addr == _address(remote_addr), PublicLookupAttempt.subject == subject,
        PublicLookupAttempt.succeeded.is_(True), PublicLookupAttempt.attempted_at >= since))


def record_public_submission(remote_addr: str | None, subject: str) -> None:
    record_public_lookup(remote_addr, succeeded=True, subject=subject)
