"""一件事 tables: versioned theme definitions with their member items, theme cases with one child row per member
item (its case once started), and online theme applications (一表申请 on the portal)."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.applicants.query_code import new_query_code
from app.database import UTCDateTime, utcnow
from app.extensions import db
from app.network.models import Department, Region

THEME_STATUSES = {"draft": "草稿", "in_review": "待审核", "published": "已发布", "retired": "已停用"}
#: what happens to the other items when one is refused (不予受理 / 不予许可)
REFUSAL_RULES = {"continue": "其余事项继续办理", "coordinator": "由牵头部门（协调人）决定"}
THEME_CASE_STATUSES = {
    "in_progress": "办理中",
    "coordinating": "待牵头部门决定",
    "awaiting_issue": "待统一出件",
    "finished": "已办结",
    "stopped": "已终止",
}
CHILD_STATES = {
    "waiting": "等待前置事项结果",
    "running": "办理中",
    "skipped": "不适用（情形）",
    "cancelled": "不再办理",
}
THEME_APPLICATION_STATES = {"pending": "待受理", "accepted": "已受理", "refused": "不予受理"}
#: the review rule key (rules/item_review.toml) of theme definitions
THEME_REVIEW_TYPE = "theme"


class Theme(db.Model):
    """One version of a theme (一件事) definition."""

    __tablename__ = "themes"
    __table_args__ = (sa.UniqueConstraint("code", "version", name="uq_themes_code_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(50), index=True)
    version: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(sa.String(20), default="draft", index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    #: the window sector that accepts the theme (a 全科窗口 accepts every theme of its centre)
    sector: Mapped[str] = mapped_column(sa.ForeignKey("sectors.code"))
    #: the lead department (牵头部门) coordinating the theme; None: the service centre coordinates
    coordinator_department_id: Mapped[int | None] = mapped_column(sa.ForeignKey("departments.id"))
    promised_limit: Mapped[int]  # working days for the whole theme
    refusal_rule: Mapped[str] = mapped_column(sa.String(20), default="continue")
    #: the combined application form (form-js JSON): shared fields asked once
    form_schema: Mapped[dict | None] = mapped_column(sa.JSON)
    #: the combined, de-duplicated material list: [{code, name, required, condition, condition_note,
    #: targets: [{item, material}]}] — one entry given once counts for every member material it targets
    materials: Mapped[list] = mapped_column(sa.JSON, default=list)
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    edited_by: Mapped[str | None] = mapped_column(sa.String(80))
    edited_at: Mapped[object | None] = mapped_column(UTCDateTime)
    submitted_by: Mapped[str | None] = mapped_column(sa.String(80))
    submitted_at: Mapped[object | None] = mapped_column(UTCDateTime)
    reviewed_by: Mapped[str | None] = mapped_column(sa.String(80))
    reviewed_at: Mapped[object | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str | None] = mapped_column(sa.String(500))
    published_at: Mapped[object | None] = mapped_column(UTCDateTime)
    retired_at: Mapped[object | None] = mapped_column(UTCDateTime)

    region: Mapped[Region] = relationship()
    coordinator: Mapped[Department | None] = relationship()
    members: Mapped[list["ThemeMember"]] = relationship(
        order_by="ThemeMember.position", cascade="all, delete-orphan", back_populates="theme")

    @property
    def item_type(self) -> str:
        """The key of ``rules/item_review.toml`` naming who reviews theme versions."""
        return THEME_REVIEW_TYPE


class ThemeMember(db.Model):
    """A member item of a theme version: mandatory or situational, its dependencies and its form mapping."""

    __tablename__ = "theme_members"
    __table_args__ = (sa.UniqueConstraint("theme_id", "item_code", name="uq_theme_members_theme_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(sa.ForeignKey("themes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    #: the item series (实施编码); the newest published version is used when a case starts
    item_code: Mapped[str] = mapped_column(sa.String(50))
    mandatory: Mapped[bool] = mapped_column(default=True)
    #: 情形: a restricted Python expression over the combined form's answers (``area >= 300``)
    condition: Mapped[str | None] = mapped_column(sa.String(500))
    condition_note: Mapped[str | None] = mapped_column(sa.String(200))
    #: item codes whose results this item needs before it starts (营业执照 before 食品经营许可)
    depends_on: Mapped[list] = mapped_column(sa.JSON, default=list)
    #: item form key → source: a combined-form key, ``applicant.<field>`` or ``=literal``
    field_map: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    #: 证照复用: the item's material code → the member item whose e-licence is that material
    reuse: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    theme: Mapped[Theme] = relationship(back_populates="members")


class ThemeCase(db.Model):
    """One application of a theme: one acceptance, one clock, one issuance and one rating."""

    __tablename__ = "theme_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_no: Mapped[str] = mapped_column(sa.String(50), unique=True)
    theme_id: Mapped[int] = mapped_column(sa.ForeignKey("themes.id"), index=True)
    status: Mapped[str] = mapped_column(sa.String(20), default="in_progress", index=True)
    applicant_kind: Mapped[str] = mapped_column(sa.String(20))
    applicant_name: Mapped[str] = mapped_column(sa.String(200))
    applicant_id_number: Mapped[str] = mapped_column(sa.String(18), index=True)
    applicant_phone: Mapped[str] = mapped_column(sa.String(20))
    query_code: Mapped[str] = mapped_column(sa.String(16), default=new_query_code)
    channel: Mapped[str] = mapped_column(sa.String(20), default="window")
    form_data: Mapped[dict | None] = mapped_column(sa.JSON)
    #: codes of the combined material list received
    materials: Mapped[list] = mapped_column(sa.JSON, default=list)
    window_id: Mapped[int | None] = mapped_column(sa.ForeignKey("windows.id"))
    receiving_centre_id: Mapped[int | None] = mapped_column(sa.ForeignKey("service_centres.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    accepted_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    deadline: Mapped[object | None] = mapped_column(sa.Date, index=True)
    #: 电子监察 level of the theme's own clock (app.themes.supervision)
    warning_level: Mapped[str | None] = mapped_column(sa.String(20))
    coordination_note: Mapped[str | None] = mapped_column(sa.Text)
    issued_at: Mapped[object | None] = mapped_column(UTCDateTime)
    issue_method: Mapped[str | None] = mapped_column(sa.String(20))
    tracking_no: Mapped[str | None] = mapped_column(sa.String(50))
    rating_grade: Mapped[int | None]
    rating_text: Mapped[str | None] = mapped_column(sa.Text)
    rated_at: Mapped[object | None] = mapped_column(UTCDateTime)

    theme: Mapped[Theme] = relationship()
    window = relationship("Window")
    receiving_centre = relationship("ServiceCentre")
    created_by = relationship("User")
    children: Mapped[list["ThemeChild"]] = relationship(
        order_by="ThemeChild.position", cascade="all, delete-orphan", back_populates="theme_case")


class ThemeChild(db.Model):
    """A member item of a theme case: waiting for the results it needs, running as its own case, skipped by
    the applicant's answers, or cancelled after a refusal."""

    __tablename__ = "theme_children"
    __table_args__ = (sa.UniqueConstraint("theme_case_id", "item_code", name="uq_theme_children_case_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_case_id: Mapped[int] = mapped_column(sa.ForeignKey("theme_cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    item_code: Mapped[str] = mapped_column(sa.String(50))
    item_name: Mapped[str] = mapped_column(sa.String(200))
    state: Mapped[str] = mapped_column(sa.String(20), default="waiting")
    depends_on: Mapped[list] = mapped_column(sa.JSON, default=list)
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"), unique=True)
    started_at: Mapped[object | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(sa.String(500))

    theme_case: Mapped[ThemeCase] = relationship(back_populates="children")
    case = relationship("Case")


class ThemeApplication(db.Model):
    """An online application of a theme (one form, one material list), accepted once at the window."""

    __tablename__ = "theme_applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_no: Mapped[str] = mapped_column(sa.String(50), unique=True)
    theme_id: Mapped[int] = mapped_column(sa.ForeignKey("themes.id"), index=True)
    state: Mapped[str] = mapped_column(sa.String(20), default="pending", index=True)
    applicant_kind: Mapped[str] = mapped_column(sa.String(20))
    applicant_name: Mapped[str] = mapped_column(sa.String(200))
    applicant_id_number: Mapped[str] = mapped_column(sa.String(18))
    applicant_phone: Mapped[str] = mapped_column(sa.String(20))
    query_code: Mapped[str] = mapped_column(sa.String(16), default=new_query_code)
    form_data: Mapped[dict | None] = mapped_column(sa.JSON)
    materials: Mapped[list] = mapped_column(sa.JSON, default=list)
    submitted_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    reviewed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    reviewed_at: Mapped[object | None] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(sa.Text)
    theme_case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("theme_cases.id"))

    theme: Mapped[Theme] = relationship()
    theme_case: Mapped[ThemeCase | None] = relationship()
