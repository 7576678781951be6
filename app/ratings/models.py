import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db

#: THE satisfaction enum of this system (GB/T 39734 / DOMAIN.md): 1 非常满意 … 5 非常不满意. Interfaces that
#: reverse it map at their edge; nothing inside stores another scale.
GRADES = {1: "非常满意", 2: "满意", 3: "基本满意", 4: "不满意", 5: "非常不满意"}
BAD_GRADES = (4, 5)
SATISFIED_GRADES = (1, 2, 3)  # 1–3 satisfied, 4–5 差评 (followed up): one rule for statistics and follow-up
CHANNELS = {"window": "窗口", "web": "网站", "app": "移动端", "sms": "短信"}
FOLLOW_UP_STATES = {"open": "待整改", "rectified": "已整改", "accepted": "整改通过",
                    "appealed": "申诉中", "appeal_upheld": "申诉成立", "appeal_rejected": "申诉驳回"}
#: a rectification the supervisor has not sent back (statistics count both as rectified)
RECTIFIED_STATES = ("rectified", "accepted")
RECTIFICATION_REVIEW_DECISIONS = {"accepted": "整改通过", "returned": "退回重新整改"}


class Rating(db.Model):
    """One rating of a case on one channel, with its follow-up (回访整改) and appeal (申诉复核) when bad."""

    __tablename__ = "ratings"
    __table_args__ = (sa.UniqueConstraint("case_id", "channel", name="uq_ratings_case_channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("service_items.id"), index=True)
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    channel: Mapped[str] = mapped_column(sa.String(10))
    grade: Mapped[int]
    text: Mapped[str | None] = mapped_column(sa.Text)
    #: the national indicators of the channel (rules/rating_indicators.toml), code → grade 1..5, and the
    #: version of the indicator set they were given under
    indicators: Mapped[dict | None] = mapped_column(sa.JSON)
    indicator_version: Mapped[str | None] = mapped_column(sa.String(40))
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow, index=True)
    excluded: Mapped[bool] = mapped_column(default=False)  # an upheld appeal removes it from statistics
    follow_up_state: Mapped[str | None] = mapped_column(sa.String(20))
    rectification_deadline: Mapped[object | None] = mapped_column(sa.Date)
    rectification_note: Mapped[str | None] = mapped_column(sa.Text)
    rectified_at: Mapped[object | None] = mapped_column(UTCDateTime)
    #: the supervisor's review of the rectification (差评整改复核): accepted, or returned to ``open``
    rectification_reviewed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    rectification_reviewed_at: Mapped[object | None] = mapped_column(UTCDateTime)
    rectification_review_note: Mapped[str | None] = mapped_column(sa.Text)
    appeal_reason: Mapped[str | None] = mapped_column(sa.Text)
    appealed_at: Mapped[object | None] = mapped_column(UTCDateTime)
    appeal_note: Mapped[str | None] = mapped_column(sa.Text)
    appeal_decided_at: Mapped[object | None] = mapped_column(UTCDateTime)

    case = relationship("Case")
    item = relationship("ServiceItem")
    department = relationship("Department")
