import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db

KINDS = {"question": "咨询", "complaint": "投诉举报"}
SUBJECT_KINDS = {"item": "事项", "window": "窗口", "department": "部门", "case": "办件"}
#: the record's state, kept in step with the process (the ready step decides what may happen next)
STATES = {"submitted": "待受理", "routed": "办理中", "drafted": "待签发", "answered": "已答复待回访",
          "closed": "已办结", "rejected": "不予受理"}
#: states in which the working-day limit still runs (the limit ends with the signed answer)
OPEN_STATES = ("submitted", "routed", "drafted")


class FeedbackRecord(db.Model):
    """One question or complaint. The contact is personal data: shown only to the staff handling it."""

    __tablename__ = "feedback_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(sa.String(30), unique=True)
    #: SHA-256 of the random code printed once on the receipt; the code itself is never stored
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    kind: Mapped[str] = mapped_column(sa.String(20), index=True)
    subject_kind: Mapped[str] = mapped_column(sa.String(20))
    item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("service_items.id"), index=True)
    window_id: Mapped[int | None] = mapped_column(sa.ForeignKey("windows.id"))
    subject_department_id: Mapped[int | None] = mapped_column(sa.ForeignKey("departments.id"))
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    #: the region the subject belongs to (电子监察 of a district sees its own region's records)
    region_code: Mapped[str | None] = mapped_column(sa.String(12), index=True)
    title: Mapped[str] = mapped_column(sa.String(100))
    content: Mapped[str] = mapped_column(sa.Text)
    contact_name: Mapped[str | None] = mapped_column(sa.String(100))
    contact_phone: Mapped[str | None] = mapped_column(sa.String(40))
    state: Mapped[str] = mapped_column(sa.String(20), default="submitted", index=True)
    #: the department it was routed to (转办)
    department_id: Mapped[int | None] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    workflow_instance_id: Mapped[int | None] = mapped_column(sa.ForeignKey("workflow_instances.id"))
    #: the step waiting for a person (BPMN step property), its engine task id and candidate groups
    step: Mapped[str | None] = mapped_column(sa.String(40))
    task_id: Mapped[str | None] = mapped_column(sa.String(64))
    candidate_groups: Mapped[list] = mapped_column(sa.JSON, default=list)
    deadline: Mapped[object] = mapped_column(sa.Date)
    submitted_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow, index=True)
    answered_at: Mapped[object | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[object | None] = mapped_column(UTCDateTime)
    answer: Mapped[str | None] = mapped_column(sa.Text)
    #: a question's answer the department allows to publish in the item's FAQ
    publishable: Mapped[bool] = mapped_column(default=False)
    drafted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    signed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    satisfaction: Mapped[int | None]
    visit_note: Mapped[str | None] = mapped_column(sa.Text)

    item = relationship("ServiceItem")
    window = relationship("Window")
    subject_department = relationship("Department", foreign_keys=[subject_department_id])
    department = relationship("Department", foreign_keys=[department_id])
    case = relationship("Case")
    events: Mapped[list["FeedbackEvent"]] = relationship(order_by="FeedbackEvent.id", cascade="all, delete-orphan",
                                                         back_populates="record")


class FeedbackEvent(db.Model):
    """The record's history: one row per step taken (the engine forgets; this does not)."""

    __tablename__ = "feedback_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback_records.id", ondelete="CASCADE"), index=True)
    step: Mapped[str] = mapped_column(sa.String(40))
    action: Mapped[str] = mapped_column(sa.String(40))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    opinion: Mapped[str | None] = mapped_column(sa.Text)
    occurred_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)

    record: Mapped[FeedbackRecord] = relationship(back_populates="events")
    actor = relationship("User")
