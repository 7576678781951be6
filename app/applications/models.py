import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.applicants.query_code import new_query_code
from app.database import UTCDateTime, utcnow
from app.extensions import db

APPLICATION_STATES = {
    "pending": "待预审",
    "supplement": "待补正",
    "passed": "预审通过（已受理）",
    "refused": "预审不通过",
    "withdrawn": "已撤件",
}


class OnlineApplication(db.Model):
    __tablename__ = "online_applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_no: Mapped[str] = mapped_column(sa.String(50), unique=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("service_items.id"), index=True)
    state: Mapped[str] = mapped_column(sa.String(20), default="pending", index=True)
    applicant_kind: Mapped[str] = mapped_column(sa.String(20))
    applicant_name: Mapped[str] = mapped_column(sa.String(200))
    applicant_id_number: Mapped[str] = mapped_column(sa.String(18))
    applicant_phone: Mapped[str] = mapped_column(sa.String(20))
    #: 查询码 shown on the submission receipt; the case keeps it when the pre-review passes
    query_code: Mapped[str] = mapped_column(sa.String(16), default=new_query_code)
    materials: Mapped[list] = mapped_column(sa.JSON, default=list)  # material codes submitted
    note: Mapped[str] = mapped_column(sa.Text, default="")
    #: the application form's answers, validated on submission and carried to the case
    form_data: Mapped[dict | None] = mapped_column(sa.JSON)
    submitted_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    resubmitted_at: Mapped[object | None] = mapped_column(UTCDateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    reviewed_at: Mapped[object | None] = mapped_column(UTCDateTime)
    missing: Mapped[list] = mapped_column(sa.JSON, default=list)  # one-time supplement notice (codes)
    reason: Mapped[str | None] = mapped_column(sa.Text)
    #: 撤件: the applicant withdrew the application before the pre-review passed it
    withdrawn_at: Mapped[object | None] = mapped_column(UTCDateTime)
    withdrawal_reason: Mapped[str | None] = mapped_column(sa.Text)
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    #: 代办: submitted by a 代办员 (or an enterprise's agent) on the applicant's behalf (app.network.agents)
    agent_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    agent: Mapped[dict | None] = mapped_column(sa.JSON)
    #: 我的办事: the applicant account that was logged in when it was submitted (app.portal.accounts)
    applicant_account_id: Mapped[int | None] = mapped_column(sa.ForeignKey("applicant_accounts.id"), index=True)

    item = relationship("ServiceItem")
    case = relationship("Case")
    reviewed_by = relationship("User", foreign_keys=[reviewed_by_id])
    agent_user = relationship("User", foreign_keys=[agent_user_id])


class OnlineSubmissionAttempt(db.Model):
    """Every public submission or resubmission, per client address, for the hourly limit."""

    __tablename__ = "online_submission_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    remote_addr: Mapped[str] = mapped_column(sa.String(64), index=True)
    attempted_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow, index=True)
