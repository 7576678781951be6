"""The service network: regions (GB/T 2260 division codes), sectors, window kinds, service centres at every
level with their windows, departments of each region, 通办 listings and 全程代办 projects. All of it is data
that the administrator manages; nothing here is a constant that a centre would have to change in code."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db

#: region level → label; the code length tells the level (6 city/district, 9 street, 12 community)
REGION_LEVELS = {"province": "省", "city": "市", "district": "区县", "street": "街道（乡镇）", "community": "社区（村）"}
#: service centre kinds (four levels, plus the 分中心 of a district centre)
CENTRE_KINDS = {
    "city": "市政务服务中心",
    "district": "区县政务服务中心",
    "branch": "分中心",
    "street": "为民服务中心",
    "station": "便民服务站",
}
#: what a window kind accepts: the items of its sector, or every item its centre offers (无差别受理)
WINDOW_ACCEPTS = {"sector": "本板块事项", "all": "本中心全部事项"}
#: department item-review authorities (rules/item_review.toml maps item types to them)
REVIEW_AUTHORITIES = {
    "approval_office": "行政审批局", "justice": "司法局", "finance": "财政局", "human_resources": "人力资源和社会保障局",
}
TONGBAN_SCOPES = {"city": "全城通办", "province": "省内通办", "national": "跨省通办"}
TONGBAN_MODES = {"online": "全程网办", "proxy": "异地代收代办", "joint": "多地联办"}


def scope_prefix_of(code: str) -> str:
    """The code prefix every region inside the one with ``code`` shares: 330000 → 33, 330100 → 3301,
    330102 → 330102, 9- and 12-digit codes → themselves."""
    if len(code) == 6:
        if code.endswith("0000"):
            return code[:2]
        if code.endswith("00"):
            return code[:4]
    return code


def level_of(code: str) -> str:
    if len(code) == 12:
        return "community"
    if len(code) == 9:
        return "street"
    if code.endswith("0000"):
        return "province"
    return "city" if code.endswith("00") else "district"


class Region(db.Model):
    """An administrative division. "Region X contains code c" ⇔ ``c.startswith(X.scope_prefix)``."""

    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(12), unique=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    level: Mapped[str] = mapped_column(sa.String(20))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    scope_prefix: Mapped[str] = mapped_column(sa.String(12), index=True)
    #: a deactivated region takes no new sub-regions, centres, departments or staff (its history stays)
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    parent: Mapped["Region | None"] = relationship(remote_side=[id])

    def contains(self, code: str | None) -> bool:
        return bool(code) and code.startswith(self.scope_prefix)

    @property
    def city_prefix(self) -> str:
        return self.code[:4]

    @property
    def province_prefix(self) -> str:
        return self.code[:2]


class Sector(db.Model):
    """A 板块 of comprehensive windows (经济发展, 城市建设 …); service_items.sector holds its code."""

    __tablename__ = "sectors"

    code: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    position: Mapped[int] = mapped_column(default=0)


class WindowKind(db.Model):
    """综合窗口 / 专业综合窗口 (accept their sector) and 全科窗口 (accepts every item its centre offers)."""

    __tablename__ = "window_kinds"
    __table_args__ = (sa.CheckConstraint(sa.text(f"accepts IN {tuple(WINDOW_ACCEPTS)}"), name="accepts_known"),)

    code: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    accepts: Mapped[str] = mapped_column(sa.String(20), default="sector")


class ServiceCentre(db.Model):
    __tablename__ = "service_centres"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(20), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    address: Mapped[str] = mapped_column(sa.String(300), default="")
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20), default="city")
    #: a 分中心 belongs to its district (or city) centre
    parent_centre_id: Mapped[int | None] = mapped_column(sa.ForeignKey("service_centres.id"), index=True)
    hours: Mapped[str] = mapped_column(sa.String(200), default="")

    region: Mapped[Region] = relationship()
    parent_centre: Mapped["ServiceCentre | None"] = relationship(remote_side=[id])


class Window(db.Model):
    """A window of a centre: of one sector (综合窗口, 专业综合窗口) or of all (全科窗口, sector NULL)."""

    __tablename__ = "windows"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(sa.ForeignKey("service_centres.id"), index=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    kind: Mapped[str] = mapped_column(sa.ForeignKey("window_kinds.code"), default="comprehensive")
    sector: Mapped[str | None] = mapped_column(sa.ForeignKey("sectors.code"), index=True)
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    centre: Mapped[ServiceCentre] = relationship()
    window_kind: Mapped[WindowKind] = relationship()

    @property
    def accepts_all(self) -> bool:
        return self.window_kind is not None and self.window_kind.accepts == "all"


class Department(db.Model):
    """An approving department (委办局) of a region, identified by a short code used in BPMN candidate groups."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    credit_code: Mapped[str | None] = mapped_column(sa.String(18))
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    short_name: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    #: which item-review authority this department is (行政审批局, 司法局 …), if any
    review_authority: Mapped[str | None] = mapped_column(sa.String(40))
    #: 咨询电话 and 监督投诉电话 printed in the 办事指南 of the department's items (empty: the centre's phone /
    #: the portal hotline)
    consult_phone: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    supervision_phone: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")

    region: Mapped[Region] = relationship()


class TongbanListing(db.Model):
    """An item series (implementation code) on a 通办 list: centres within the scope accept it too."""

    __tablename__ = "tongban_listings"
    __table_args__ = (
        sa.UniqueConstraint("item_code", "scope", name="uq_tongban_listings_item_scope"),
        sa.CheckConstraint(sa.text(f"scope IN {tuple(TONGBAN_SCOPES)}"), name="scope_known"),
        sa.CheckConstraint(sa.text(f"mode IN {tuple(TONGBAN_MODES)}"), name="mode_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_code: Mapped[str] = mapped_column(sa.String(50), index=True)
    scope: Mapped[str] = mapped_column(sa.String(20))
    mode: Mapped[str] = mapped_column(sa.String(20), default="proxy")
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)


class Project(db.Model):
    """A key project under 全程代办: one assigned 代办员 follows every case of it through all departments."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(50), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    agent_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)

    region: Mapped[Region] = relationship()
    agent = relationship("User", foreign_keys=[agent_user_id])
