import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.database import UTCDateTime, utcnow
from app.extensions import db

#: who a browser session belongs to: a staff user (users) or a public applicant account
PRINCIPAL_KINDS = ("staff", "applicant")


class PageSession(db.Model):
    """One browser login. The cookie carries a random token; only its SHA-256 is stored here, so a logout
    (or an expired working day) ends the session on the server: a cookie copied before the logout no longer
    logs anyone in."""

    __tablename__ = "page_sessions"
    __table_args__ = (sa.CheckConstraint(sa.text(f"principal_kind IN {PRINCIPAL_KINDS}"), name="principal_kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    principal_kind: Mapped[str] = mapped_column(sa.String(20))
    principal_id: Mapped[int] = mapped_column(index=True)
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[object] = mapped_column(UTCDateTime)
    revoked_at: Mapped[object | None] = mapped_column(UTCDateTime)
