import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db

HANDOVER_STATES = {"pending": "待签收", "signed": "已签收"}


class MaterialHandover(db.Model):
    """Paper materials of one case handed from the window to one department (one handover per pair)."""

    __tablename__ = "material_handovers"
    __table_args__ = (
        sa.UniqueConstraint("case_id", "department_id", name="uq_material_handovers_case_department"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    #: [{code, name}] of the materials handed over
    materials: Mapped[list] = mapped_column(sa.JSON, default=list)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    state: Mapped[str] = mapped_column(sa.String(20), default="pending", index=True)
    handed_over_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    handed_over_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow, index=True)
    signed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    signed_at: Mapped[object | None] = mapped_column(UTCDateTime)
    sign_note: Mapped[str | None] = mapped_column(sa.Text)
    #: 收受分离: paper originals posted from the receiving centre to the handling region's centre
    from_centre_id: Mapped[int | None] = mapped_column(sa.ForeignKey("service_centres.id"), index=True)
    to_centre_id: Mapped[int | None] = mapped_column(sa.ForeignKey("service_centres.id"), index=True)
    carrier: Mapped[str | None] = mapped_column(sa.String(50))
    tracking_no: Mapped[str | None] = mapped_column(sa.String(50), index=True)

    case = relationship("Case")
    department = relationship("Department")
    handed_over_by = relationship("User", foreign_keys=[handed_over_by_id])
    signed_by = relationship("User", foreign_keys=[signed_by_id])
    from_centre = relationship("ServiceCentre", foreign_keys=[from_centre_id])
    to_centre = relationship("ServiceCentre", foreign_keys=[to_centre_id])
