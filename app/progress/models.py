import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.database import UTCDateTime, utcnow
from app.extensions import db


class PublicLookupAttempt(db.Model):
    """A public lookup by case number + code (progress query, rating); failures throttle the address."""

    __tablename__ = "public_lookup_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    remote_addr: Mapped[str] = mapped_column(sa.String(64), index=True)
    succeeded: Mapped[bool] = mapped_column(default=False)
    attempted_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow, index=True)
