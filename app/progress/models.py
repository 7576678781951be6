"""Public progress query (办件查询) without login: failed lookups, kept for app.progress.throttle."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.database import UTCDateTime, utcnow
from app.extensions import db


class PublicLookupAttempt(db.Model):
    """A public lookup by number + code (progress query, rating, results, uploads, 证照核验); failures throttle
    the client address and, once a number has drawn many failures, the addresses that failed on it."""

    __tablename__ = "public_lookup_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    remote_addr: Mapped[str] = mapped_column(sa.String(64), index=True)
    #: what was looked up: ``case:<case_no>``, ``application:<no>`` or ``licence:<number>``
    subject: Mapped[str | None] = mapped_column(sa.String(80), index=True)
    succeeded: Mapped[bool] = mapped_column(default=False)
    attempted_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow, index=True)
