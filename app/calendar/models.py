"""Local working-day adjustments (工作日历调整) entered by an administrator."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db


class CalendarOverride(db.Model):
    """One day whose working status differs from (or is missing in) the statutory calendar: a local
    closure (typhoon, local holiday), or the holidays and make-up days of a year chinesecalendar does
    not know yet. Overrides win over the statutory calendar."""

    __tablename__ = "calendar_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[object] = mapped_column(sa.Date, unique=True)
    is_working_day: Mapped[bool]
    note: Mapped[str] = mapped_column(sa.String(200), default="")
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    updated_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    updated_by = relationship("User")
