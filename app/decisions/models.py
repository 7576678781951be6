"""Versions of the decision tables (rules/*.dmn) as people edit them: draft → in_review → deployed →
superseded. A deployed version is never edited; a change (or a rollback) is a new draft copied from one."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.database import UTCDateTime, utcnow
from app.extensions import db

DECISION_STATUSES = {"draft": "草稿", "in_review": "待审核", "deployed": "已部署", "superseded": "已被替代"}
#: who made a version: a person (username) or the file it was seeded from
FROM_FILE = "rules/"  # never a username (those have no slash)


class DecisionVersion(db.Model):
    __tablename__ = "decision_versions"
    __table_args__ = (sa.UniqueConstraint("decision_key", "number", name="uq_decision_versions_key_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_key: Mapped[str] = mapped_column(sa.String(100), index=True)
    number: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    file_name: Mapped[str] = mapped_column(sa.String(200))
    status: Mapped[str] = mapped_column(sa.String(20), default="draft")
    dmn_xml: Mapped[str] = mapped_column(sa.Text)
    #: why this version exists (the submitter's change note; for a seeded version, the file it came from)
    note: Mapped[str | None] = mapped_column(sa.Text)
    #: the version this one was copied from (a change or a rollback)
    based_on: Mapped[int | None]
    #: a person's username, or FROM_FILE for a version seeded from rules/*.dmn
    created_by: Mapped[str] = mapped_column(sa.String(80))
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    edited_by: Mapped[str | None] = mapped_column(sa.String(80))
    edited_at: Mapped[object | None] = mapped_column(UTCDateTime)
    submitted_by: Mapped[str | None] = mapped_column(sa.String(80))
    submitted_at: Mapped[object | None] = mapped_column(UTCDateTime)
    reviewed_by: Mapped[str | None] = mapped_column(sa.String(80))
    reviewed_at: Mapped[object | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str | None] = mapped_column(sa.Text)
    deployed_at: Mapped[object | None] = mapped_column(UTCDateTime)
    definition_id: Mapped[int | None] = mapped_column(sa.ForeignKey("decision_definitions.id"))

    @property
    def from_file(self) -> bool:
        return self.created_by == FROM_FILE
