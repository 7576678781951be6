"""Process drafts: a designer's work on a process between deployed versions. A draft is private to its process
(new cases keep using the latest deployed version) until it is submitted and a reviewer of the 行政审批 office
approves it; only then is it deployed. The row stays as the record of who changed what, when and why."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.database import UTCDateTime, utcnow
from app.extensions import db

#: draft → in_review → deployed | rejected (back to draft) ; withdrawn by its designer before review
DRAFT_STATES = ("draft", "in_review", "deployed", "withdrawn")
OPEN_STATES = ("draft", "in_review")


class ProcessDraft(db.Model):
    __tablename__ = "process_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_key: Mapped[str] = mapped_column(sa.String(100), index=True)
    file_name: Mapped[str] = mapped_column(sa.String(200))
    bpmn_xml: Mapped[str] = mapped_column(sa.Text)
    #: the deployed version the draft was started from (None: a new process)
    base_version: Mapped[int | None]
    status: Mapped[str] = mapped_column(sa.String(20), default="draft")
    #: why the change is made (shown in the versions list)
    note: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")
    created_by: Mapped[str] = mapped_column(sa.String(80))
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(sa.String(80))
    updated_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    submitted_by: Mapped[str | None] = mapped_column(sa.String(80))
    submitted_at: Mapped[object | None] = mapped_column(UTCDateTime)
    reviewed_by: Mapped[str | None] = mapped_column(sa.String(80))
    reviewed_at: Mapped[object | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str | None] = mapped_column(sa.String(500))
    #: the version the approval deployed
    deployed_version: Mapped[int | None]
    #: bumped by every save; an autosave carrying an older revision is refused (two tabs, two people)
    revision: Mapped[int] = mapped_column(default=1)
