"""E-licence records (电子证照) and the delivery details of issuing a case (出件签收 / 寄递状态)."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db

LICENCE_STATUSES = {"valid": "有效", "revoked": "已撤销", "cancelled": "已注销", "expired": "已过期"}
HOLDER_CODE_TYPES = {"111": "居民身份证", "001": "统一社会信用代码"}
DELIVERY_STATUSES = {"delivered": "已投递", "signed": "已签收", "returned": "已退回"}


class Licence(db.Model):
    __tablename__ = "licences"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    number: Mapped[str] = mapped_column(sa.String(100), unique=True)
    identifier: Mapped[str] = mapped_column(sa.String(200), unique=True)
    verification_code: Mapped[str] = mapped_column(sa.String(6))
    type_code: Mapped[str] = mapped_column(sa.String(50))
    holder_name: Mapped[str] = mapped_column(sa.String(200))
    holder_code_type: Mapped[str] = mapped_column(sa.String(3))
    holder_code: Mapped[str] = mapped_column(sa.String(18))
    holder_is_person: Mapped[bool] = mapped_column(default=True)
    issuer_name: Mapped[str] = mapped_column(sa.String(200))
    issuer_code: Mapped[str] = mapped_column(sa.String(40))
    issued_on: Mapped[object] = mapped_column(sa.Date)
    valid_from: Mapped[object] = mapped_column(sa.Date)
    valid_to: Mapped[object | None] = mapped_column(sa.Date)  # None: 长期有效
    #: stored state: valid | revoked | cancelled ("expired" is derived from valid_to)
    status: Mapped[str] = mapped_column(sa.String(20), default="valid")
    status_reason: Mapped[str | None] = mapped_column(sa.Text)
    status_changed_at: Mapped[object | None] = mapped_column(UTCDateTime)
    status_changed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)

    case = relationship("Case")
    department = relationship("Department")


class CaseDelivery(db.Model):
    """How the result reached the applicant: signature at the window or the postal delivery status."""

    __tablename__ = "case_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), unique=True)
    method: Mapped[str] = mapped_column(sa.String(20))
    recipient: Mapped[str | None] = mapped_column(sa.String(100))
    recipient_id_suffix: Mapped[str | None] = mapped_column(sa.String(6))
    confirmed: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str | None] = mapped_column(sa.String(20))
    note: Mapped[str | None] = mapped_column(sa.Text)
    updated_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
