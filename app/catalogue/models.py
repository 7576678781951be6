import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db
from app.network.models import Department, Region

#: GB/T 39046 Appendix A code tables (codes are stored as strings)
ITEM_TYPES = {
    "01": "行政许可", "02": "行政处罚", "03": "行政强制", "04": "行政征收", "05": "行政给付",
    "06": "行政检查", "07": "行政确认", "08": "行政奖励", "09": "行政裁决", "10": "其他行政权力",
    "20": "公共服务",
}
EXERCISE_LEVELS = {"1": "国家级", "2": "省级", "3": "市级", "4": "县级", "5": "镇（乡、街道）级", "6": "村（社区）级"}
CASE_TYPES = {"1": "即办件", "2": "承诺件", "9": "其他"}
LIMIT_UNITS = {"working_day": "工作日", "natural_day": "自然日"}
HANDLING_FORMS = {"1": "窗口办理", "2": "电脑端网办", "3": "移动端办理", "4": "快递申请", "9": "其他"}
SERVICE_OBJECTS = {"1": "自然人", "2": "企业法人", "3": "事业法人", "4": "社会组织法人", "5": "行政机关", "6": "其他组织"}
ONLINE_DEPTHS = {"I": "一级", "II": "二级", "III": "三级", "IV": "四级"}
MATERIAL_FORMS = {"paper": "纸质", "electronic": "电子", "both": "纸质和电子"}
TIMEOUT_ACTIONS = {"remind": "督办提醒", "auto_return": "自动退回窗口"}
ITEM_STATUSES = {"draft": "草稿", "in_review": "待审核", "published": "已发布", "retired": "已停用"}


class ServiceItem(db.Model):
    """One version of a service item. Cases reference the version they were accepted under."""

    __tablename__ = "service_items"
    __table_args__ = (sa.UniqueConstraint("code", "version", name="uq_service_items_code_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(50), index=True)  # 实施编码
    basic_code: Mapped[str] = mapped_column(sa.String(50))  # 基本编码 (shared by every region's implementation)
    #: the implementing region (实施清单 of a region); ``code`` is the per-region implementation code
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    #: 认领: the code of the upper level's item series this implementation was claimed from (NULL: a base item)
    base_code: Mapped[str | None] = mapped_column(sa.String(50), index=True)
    version: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(sa.String(20), default="published", index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    item_type: Mapped[str] = mapped_column(sa.String(2))
    exercise_level: Mapped[str] = mapped_column(sa.String(1))
    case_type: Mapped[str] = mapped_column(sa.String(1))
    sector: Mapped[str] = mapped_column(sa.ForeignKey("sectors.code"), index=True)  # the window sector accepting it
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"), index=True)  # 实施主体
    legal_basis: Mapped[str] = mapped_column(sa.Text, default="")
    service_objects: Mapped[list] = mapped_column(sa.JSON, default=list)  # codes 1..6
    acceptance_conditions: Mapped[str] = mapped_column(sa.Text, default="")
    legal_limit: Mapped[int]
    legal_limit_unit: Mapped[str] = mapped_column(sa.String(20), default="working_day")
    promised_limit: Mapped[int]
    promised_limit_unit: Mapped[str] = mapped_column(sa.String(20), default="working_day")
    charges_fee: Mapped[bool] = mapped_column(default=False)
    fee_basis: Mapped[str] = mapped_column(sa.Text, default="")
    handling_forms: Mapped[list] = mapped_column(sa.JSON, default=list)  # 1 窗口 2 网办 3 移动端 4 快递
    online_depth: Mapped[str] = mapped_column(sa.String(4), default="II")
    result_name: Mapped[str] = mapped_column(sa.String(200), default="")
    process_key: Mapped[str] = mapped_column(sa.String(100))
    #: what happens when a back-office step runs over its limit: remind (督办 only) | auto_return (退回窗口)
    timeout_action: Mapped[str] = mapped_column(sa.String(20), default="remind", server_default="remind")
    #: joint items: all = 会签 (every co-department decides) | any = 或签 (the first decision completes the step)
    countersign_mode: Mapped[str] = mapped_column(sa.String(10), default="all", server_default="all")
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    # who did what to this version (usernames; the review needs a reviewer other than the editor)
    edited_by: Mapped[str | None] = mapped_column(sa.String(80))
    edited_at: Mapped[object | None] = mapped_column(UTCDateTime)
    submitted_by: Mapped[str | None] = mapped_column(sa.String(80))
    submitted_at: Mapped[object | None] = mapped_column(UTCDateTime)
    reviewed_by: Mapped[str | None] = mapped_column(sa.String(80))
    reviewed_at: Mapped[object | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str | None] = mapped_column(sa.String(500))
    published_at: Mapped[object | None] = mapped_column(UTCDateTime)
    retired_at: Mapped[object | None] = mapped_column(UTCDateTime)
    #: retiring a published version takes two reviewers: one requests (with a reason), another confirms
    retire_requested_by: Mapped[str | None] = mapped_column(sa.String(80))
    retire_requested_at: Mapped[object | None] = mapped_column(UTCDateTime)
    retire_reason: Mapped[str | None] = mapped_column(sa.String(500))
    retired_by: Mapped[str | None] = mapped_column(sa.String(80))
    #: the application form (一表申请) in the bpmn.io form-js JSON schema; None = no form (app.forms)
    form_schema: Mapped[dict | None] = mapped_column(sa.JSON)
    #: 办理情形 (e.g. 新办 / 变更 / 延续): [{"code", "name", "description"}], chosen by the form field
    #: ``situation``; a material lists the situations it belongs to (app.forms)
    situations: Mapped[list | None] = mapped_column(sa.JSON, default=list)
    #: 办件公示: whether this item's decided cases are published (False for items whose cases touch state
    #: secrets, trade secrets or personal privacy); ``disclosure_note`` says why not (shown to the public)
    disclose_cases: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    disclosure_note: Mapped[str | None] = mapped_column(sa.String(200))

    department: Mapped[Department] = relationship()
    region: Mapped[Region] = relationship()
    materials: Mapped[list["ItemMaterial"]] = relationship(
        back_populates="item", order_by="ItemMaterial.position", cascade="all, delete-orphan"
    )
    co_departments: Mapped[list["ItemCoDepartment"]] = relationship(
        order_by="ItemCoDepartment.position", cascade="all, delete-orphan"
    )

    @property
    def is_joint(self) -> bool:
        return bool(self.co_departments)


class ItemMaterial(db.Model):
    """A material of the standard checklist (申请材料)."""

    __tablename__ = "item_materials"
    __table_args__ = (sa.UniqueConstraint("item_id", "code", name="uq_item_materials_item_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("service_items.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(sa.String(40))
    name: Mapped[str] = mapped_column(sa.String(200))
    issuing_body: Mapped[str] = mapped_column(sa.String(200), default="申请人自备")
    originals: Mapped[int] = mapped_column(default=0)
    copies: Mapped[int] = mapped_column(default=0)
    required: Mapped[bool] = mapped_column(default=True)
    form: Mapped[str] = mapped_column(sa.String(20), default="paper")  # paper | electronic | both
    standard: Mapped[str] = mapped_column(sa.Text, default="")  # what a correct material looks like
    position: Mapped[int] = mapped_column(default=0)
    #: 情形材料: a restricted Python expression over the form data (``agent == True``, ``area > 300``);
    #: the material belongs to the case only when it holds. None = always (app.forms.conditions)
    condition: Mapped[str | None] = mapped_column(sa.String(500))
    #: the condition as the applicant reads it (guide, checklist): "委托代理人办理的"
    condition_note: Mapped[str | None] = mapped_column(sa.String(200))
    #: codes of the item's situations (办理情形) this material belongs to; empty = every situation
    situations: Mapped[list | None] = mapped_column(sa.JSON, default=list)
    #: 示例样表 / 空白表格: a site path (``/static/samples/…``) or an http(s) URL of the sample or blank form
    sample_url: Mapped[str | None] = mapped_column(sa.String(500))

    item: Mapped[ServiceItem] = relationship(back_populates="materials")


class ItemCoDepartment(db.Model):
    """A co-implementing department (联办) of a joint item; the item's department leads."""

    __tablename__ = "item_co_departments"
    __table_args__ = (sa.UniqueConstraint("item_id", "department_id", name="uq_item_co_departments_item_dept"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("service_items.id", ondelete="CASCADE"), index=True)
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"))
    position: Mapped[int] = mapped_column(default=0)

    department: Mapped[Department] = relationship()
