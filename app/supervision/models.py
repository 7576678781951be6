import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db

CARD_STATUSES = {"issued": "已发牌", "appealed": "申诉中", "revoked": "已撤销", "escalated": "已督办"}
APPEAL_DECISIONS = {"upheld": "维持", "withdrawn": "撤销", "escalated": "维持并督办"}


class SupervisionCard(db.Model):
    """A yellow or red card (黄牌/红牌), issued once per case and level by the supervision sweep.

    Lifecycle: issued → appealed (the department's head or approver, with a reason) → a supervisor decides:
    upheld (back to issued), withdrawn (revoked) or escalated (督办).
    """

    __tablename__ = "supervision_cards"
    __table_args__ = (sa.UniqueConstraint("case_id", "level", name="uq_supervision_cards_case_level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    level: Mapped[str] = mapped_column(sa.String(20))
    reason: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(20), default="issued", index=True)
    department_code: Mapped[str] = mapped_column(sa.String(40), index=True)
    issued_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    appeal_reason: Mapped[str | None] = mapped_column(sa.Text)
    appealed_at: Mapped[object | None] = mapped_column(UTCDateTime)
    appealed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    decision: Mapped[str | None] = mapped_column(sa.String(20))
    decision_note: Mapped[str | None] = mapped_column(sa.Text)
    decided_at: Mapped[object | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    case = relationship("Case")
    appealed_by = relationship("User", foreign_keys=[appealed_by_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])
