import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db

TASK_STATES = {"ready": "待办", "completed": "已办", "cancelled": "已取消"}


class HumanTask(db.Model):
    """One user task of a case as the engine created it; rewritten from the engine on every save, so
    task lists are plain indexed queries and never deserialize a workflow."""

    __tablename__ = "human_tasks"
    __table_args__ = (sa.Index("ix_human_tasks_state_created", "state", "created_at"),
                      sa.Index("ix_human_tasks_state_due", "state", "due_at"))

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)  # engine task UUID
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    step_id: Mapped[str] = mapped_column(sa.String(100))  # BPMN element id
    step: Mapped[str] = mapped_column(sa.String(40), index=True)  # step code from the BPMN properties
    name: Mapped[str] = mapped_column(sa.String(200))
    lane: Mapped[str | None] = mapped_column(sa.String(100))
    form_key: Mapped[str | None] = mapped_column(sa.String(40))
    decisions: Mapped[str] = mapped_column(sa.String(200), default="")
    department_code: Mapped[str | None] = mapped_column(sa.String(40), index=True)
    subject: Mapped[str | None] = mapped_column(sa.String(200))  # e.g. the co-department of an MI instance
    assignee: Mapped[str | None] = mapped_column(sa.String(80), index=True)
    state: Mapped[str] = mapped_column(sa.String(20), default="ready")
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    due_at: Mapped[object | None] = mapped_column(UTCDateTime)
    #: when the due-soon reminder was sent; claimed with a conditional UPDATE so it is sent once
    reminded_at: Mapped[object | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[object | None] = mapped_column(UTCDateTime)
    completed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    decision: Mapped[str | None] = mapped_column(sa.String(20))
    #: 转办: once transferred, only the assignee may act; the candidate groups stay for
    #: information but no longer grant access
    transferred: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    #: 委派: while set, the task is with its assignee (the delegate) for an opinion and goes back to this user
    delegated_by: Mapped[str | None] = mapped_column(sa.String(80))

    case = relationship("Case", back_populates="tasks")
    candidates: Mapped[list["TaskCandidate"]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    completed_by = relationship("User")
    cosigners: Mapped[list["TaskCosigner"]] = relationship(cascade="all, delete-orphan", lazy="selectin",
                                                           order_by="TaskCosigner.id")

    @property
    def candidate_groups(self) -> list[str]:
        return sorted(c.group_name for c in self.candidates)

    @property
    def allowed_decisions(self) -> list[str]:
        return [d for d in self.decisions.split(",") if d]


class TaskCandidate(db.Model):
    __tablename__ = "task_candidates"
    __table_args__ = (sa.Index("ix_task_candidates_group_task", "group_name", "task_id"),)

    task_id: Mapped[str] = mapped_column(sa.ForeignKey("human_tasks.id", ondelete="CASCADE"), primary_key=True)
    group_name: Mapped[str] = mapped_column(sa.String(120), primary_key=True)


class TaskCosigner(db.Model):
    """加签: a person added to a task who must sign (with an opinion) before the task can be completed."""

    __tablename__ = "task_cosigners"
    __table_args__ = (sa.UniqueConstraint("task_id", "user_id", name="uq_task_cosigners_task_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[str] = mapped_column(sa.ForeignKey("human_tasks.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    added_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    added_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    signed_at: Mapped[object | None] = mapped_column(UTCDateTime)
    opinion: Mapped[str | None] = mapped_column(sa.Text)

    user = relationship("User", foreign_keys=[user_id])
