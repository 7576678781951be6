import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db

#: audit actions
AUDIT_ACTIONS = {"create": "新增", "update": "修改", "delete": "删除", "reset_password": "重置密码"}
#: what the audit rows are about
AUDIT_ENTITIES = {"region": "区划", "centre": "服务中心", "department": "部门", "window": "窗口", "sector": "板块",
                  "window_kind": "窗口类型", "user": "工作人员", "calendar_override": "工作日历"}


class AdminAuditEntry(db.Model):
    """One administrator change (append-only): who, when, what, and the record before and after it.
    Password hashes and passwords are never stored here."""

    __tablename__ = "admin_audit"
    __table_args__ = (sa.Index("ix_admin_audit_entity", "entity_type", "entity_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: kept as text so the row still says who acted if the account is renamed
    actor_username: Mapped[str] = mapped_column(sa.String(80))
    action: Mapped[str] = mapped_column(sa.String(30))
    entity_type: Mapped[str] = mapped_column(sa.String(30))
    entity_key: Mapped[str] = mapped_column(sa.String(80))
    #: the region code the changed record belongs to (district admins read the rows inside their district)
    region_code: Mapped[str | None] = mapped_column(sa.String(12), index=True)
    before: Mapped[dict | None] = mapped_column(sa.JSON)
    after: Mapped[dict | None] = mapped_column(sa.JSON)

    actor = relationship("User", foreign_keys=[actor_id])
