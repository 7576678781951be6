import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db

#: pause kind → label. All but ``supplement`` are GB/T 39046 special procedures of code "2" (其他特别程序).
PAUSE_KINDS = {
    "supplement": "受理后补正",
    "hearing": "听证",
    "inspection": "检验检测检疫",
    "appraisal": "鉴定",
    "expert_review": "专家评审",
    "public_notice": "公示",
    "site_survey": "现场勘验",
    "tender": "招标拍卖",
    "other": "其他特别程序",
}
#: GB/T 39046 special procedure codes: 1 延长审批, 2 other special procedures
GBT_EXTENSION, GBT_SPECIAL_PROCEDURE = "1", "2"


class CasePause(db.Model):
    """A period during which a case's clock stood still. At most one is open (ended_at NULL) per case;
    the case's ``paused_since`` mirrors the open one."""

    __tablename__ = "case_pauses"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    reason: Mapped[str] = mapped_column(sa.Text)
    expected_days: Mapped[int | None]
    expected_end_on: Mapped[object | None] = mapped_column(sa.Date)
    started_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    started_on: Mapped[object] = mapped_column(sa.Date)
    started_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    department_code: Mapped[str | None] = mapped_column(sa.String(40))
    ended_at: Mapped[object | None] = mapped_column(UTCDateTime)
    ended_on: Mapped[object | None] = mapped_column(sa.Date)
    ended_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    end_note: Mapped[str | None] = mapped_column(sa.Text)
    paused_working_days: Mapped[int | None]

    case = relationship("Case")
    started_by = relationship("User", foreign_keys=[started_by_id])
    ended_by = relationship("User", foreign_keys=[ended_by_id])

    @property
    def kind_label(self) -> str:
        return PAUSE_KINDS.get(self.kind, self.kind)

    @property
    def gbt_code(self) -> str | None:
        return None if self.kind == "supplement" else GBT_SPECIAL_PROCEDURE


class CaseExtension(db.Model):
    """延长审批 (行政许可法 Art. 42): once per case, decided by the lead department's approver or head."""

    __tablename__ = "case_extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    days: Mapped[int]
    reason: Mapped[str] = mapped_column(sa.Text)
    previous_deadline: Mapped[object] = mapped_column(sa.Date)
    previous_legal_deadline: Mapped[object] = mapped_column(sa.Date)
    decided_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))

    case = relationship("Case")
    decided_by = relationship("User")


#: extension request state → label
EXTENSION_REQUEST_STATES = {"pending": "待批准", "approved": "已批准", "declined": "不予批准"}


class ExtensionRequest(db.Model):
    """申请延长审批: a member of a handling department asks, with the days and the reason; the lead department's
    approver (首席代表) or head — another account than the one who asked — approves (which extends the case
    through app.clock.extension) or declines with a note. At most one is pending per case."""

    __tablename__ = "case_extension_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    days: Mapped[int]
    reason: Mapped[str] = mapped_column(sa.Text)
    state: Mapped[str] = mapped_column(sa.String(20), default="pending")
    requested_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    requested_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    decided_at: Mapped[object | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    decision_note: Mapped[str | None] = mapped_column(sa.Text)

    case = relationship("Case")
    requested_by = relationship("User", foreign_keys=[requested_by_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])

    @property
    def state_label(self) -> str:
        return EXTENSION_REQUEST_STATES.get(self.state, self.state)
