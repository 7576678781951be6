import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db

#: 综合窗口 sectors (Jinan Lixia plan): code → label
SECTORS = {
    "economy": "经济发展综合窗口",
    "construction": "城市建设综合窗口",
    "social": "社会服务综合窗口",
    "commerce": "商事登记综合窗口",
}


class ServiceCentre(db.Model):
    __tablename__ = "service_centres"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(20), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    address: Mapped[str] = mapped_column(sa.String(300), default="")
    phone: Mapped[str] = mapped_column(sa.String(40), default="")


class Window(db.Model):
    """A comprehensive window (综合窗口) of one sector; it accepts every item of that sector."""

    __tablename__ = "windows"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(sa.ForeignKey("service_centres.id"), index=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    sector: Mapped[str] = mapped_column(sa.String(40), index=True)

    centre: Mapped[ServiceCentre] = relationship()


class Department(db.Model):
    """An approving department (委办局), identified by a short code used in BPMN candidate groups."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    credit_code: Mapped[str | None] = mapped_column(sa.String(18))
    #: 简称 in document numbers (示范市监许准字〔2026〕0001号); the code when unset
    short_name: Mapped[str | None] = mapped_column(sa.String(40))
