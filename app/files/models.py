"""Electronic materials of a case (电子材料): one row per file given for a material, pointing at a blob in the
content-addressed storage by its SHA-256. Rows are never updated in place except to attach an online
application's files to the case its pre-review created, or a window clerk's scans made before the 受理 decision
(staged: no case yet, owned by the clerk) to the case that decision created."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db

#: how a file came to the case
FILE_STAGES = {
    "window-scan": "窗口扫描",
    "online": "网上提交",
    "supplement": "补正提交",
    "back-office": "后台附件",
    "reuse": "材料复用",
}
#: material code of back-office attachments that are not on the item's checklist (勘验记录, 现场照片…)
ATTACHMENT_CODE = "ATTACHMENT"
ATTACHMENT_NAME = "办理附件"


class CaseFile(db.Model):
    __tablename__ = "case_files"
    __table_args__ = (
        sa.CheckConstraint("case_id IS NOT NULL OR application_id IS NOT NULL OR staged_by_id IS NOT NULL",
                           name="owner"),
        sa.CheckConstraint("sha256 IS NOT NULL OR source_licence_id IS NOT NULL", name="content"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the case; None while the file belongs to an online application not yet pre-reviewed, or is staged
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int | None] = mapped_column(sa.ForeignKey("online_applications.id"), index=True)
    material_code: Mapped[str] = mapped_column(sa.String(40))
    material_name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str | None] = mapped_column(sa.String(200))  # e.g. 勘验记录 for an attachment
    #: None only for the reuse of an e-licence whose file (照面) does not exist yet
    sha256: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    size: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    media_type: Mapped[str | None] = mapped_column(sa.String(100))
    filename: Mapped[str] = mapped_column(sa.String(200))
    stage: Mapped[str] = mapped_column(sa.String(20))
    #: the window clerk who scanned it before the 受理 decision (kept once attached, as the record of it)
    staged_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: None: the applicant, online
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    uploaded_by_name: Mapped[str] = mapped_column(sa.String(100))
    uploaded_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: 材料复用: where a reused material came from
    source_file_id: Mapped[int | None] = mapped_column(sa.ForeignKey("case_files.id"))
    source_case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"))
    source_licence_id: Mapped[int | None] = mapped_column(sa.ForeignKey("licences.id"))

    case = relationship("Case", foreign_keys=[case_id])
    source_case = relationship("Case", foreign_keys=[source_case_id])
    source_licence = relationship("Licence")
    uploaded_by = relationship("User", foreign_keys=[uploaded_by_id])
