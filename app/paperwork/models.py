import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db

#: notice kind → the case event of the window decision it records
NOTICE_EVENTS = {
    "acceptance": "case.accepted",
    "supplement": "case.supplement_requested",
    "refusal": "case.not_accepted",
}
NOTICE_TITLES = {
    "acceptance": "受理通知书",
    "supplement": "一次性补正告知书",
    "refusal": "不予受理通知书",
}


class CaseNotice(db.Model):
    """A written notice, numbered once when first issued; reprints show the stored number and content."""

    __tablename__ = "case_notices"
    __table_args__ = (sa.UniqueConstraint("case_id", "kind", name="uq_case_notices_case_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    number: Mapped[str] = mapped_column(sa.String(100), unique=True)
    issued_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    content: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    case = relationship("Case")
