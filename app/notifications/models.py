"""A notification addressed to one user or to a candidate group (``SCJGJ:handler``, ``window:commerce``)."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db

NOTIFICATION_KINDS = {"overdue": "环节超期督办", "auto_return": "超时自动退回", "due_soon": "即将到期提醒", "urge": "催办",
                      "transfer": "转办", "delegate": "委派", "add_signer": "加签", "withdrawn": "申请人撤件",
                      "rating_follow_up": "差评回访整改", "rating_appeal": "差评申诉复核",
                      "extension_request": "延长审批申请", "card": "电子监察发牌", "supplement_returned": "补正材料已提交"}


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (
        sa.CheckConstraint("recipient_user_id IS NOT NULL OR recipient_group IS NOT NULL", name="recipient"),
        sa.Index("ix_notifications_group_created", "recipient_group", "created_at"),
        sa.Index("ix_notifications_kind_task", "kind", "task_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    recipient_group: Mapped[str | None] = mapped_column(sa.String(120))
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    #: the engine task the notification is about (the overdue step), if any
    task_id: Mapped[str | None] = mapped_column(sa.String(36))
    kind: Mapped[str] = mapped_column(sa.String(30))
    message: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[object | None] = mapped_column(UTCDateTime)

    case = relationship("Case")
