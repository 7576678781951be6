import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.applicants.query_code import new_query_code
from app.database import UTCDateTime, utcnow
from app.extensions import db

CASE_STATUSES = {
    "supplementing": "补正中",
    "not_accepted": "不予受理",
    "in_progress": "办理中",
    "awaiting_issue": "待出件",
    "finished": "已办结",
    "terminated": "已终止",
    "withdrawn": "已撤件",
}
CASE_RESULTS = {"approved": "准予许可", "refused": "不予许可"}
APPLICANT_KINDS = {"person": "自然人", "organisation": "法人或其他组织"}
#: how the clerk issues at the window (代办员代领: to the applicant's 代办员); "online" is the applicant's download
#: of an online depth IV result
WINDOW_ISSUE_METHODS = {"window": "窗口领取", "post": "邮寄送达", "agent": "代办员代领"}
ISSUE_METHODS = {**WINDOW_ISSUE_METHODS, "online": "网上送达"}
AGENT_KINDS = {"station": "村（社区）代办员", "enterprise": "企业代办人"}


class Case(db.Model):
    __tablename__ = "cases"
    __table_args__ = (
        # 办件公示 (app.disclosure): decided cases newest first, overall and per item version
        sa.Index("ix_cases_decided_at_id", "decided_at", "id"),
        sa.Index("ix_cases_item_id_decided_at", "item_id", "decided_at"),
        # 电子监察: the sweep reads only the running cases whose level is due for a check today
        sa.Index("ix_cases_status_level_check_on", "status", "level_check_on"),
        sa.Index("ix_cases_status_level_rules", "status", "level_rules"),
        # 办件查询 (app.cases.search): newest first, per status, and the window's 今日收件
        sa.Index("ix_cases_received_at_id", "received_at", "id"),
        sa.Index("ix_cases_status_received_at", "status", "received_at"),
        sa.Index("ix_cases_window_id_received_at", "window_id", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_no: Mapped[str] = mapped_column(sa.String(50), unique=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("service_items.id"), index=True)
    window_id: Mapped[int | None] = mapped_column(sa.ForeignKey("windows.id"), index=True)
    workflow_instance_id: Mapped[int] = mapped_column(sa.ForeignKey("workflow_instances.id"), unique=True)
    status: Mapped[str] = mapped_column(sa.String(20), index=True)
    result: Mapped[str | None] = mapped_column(sa.String(20))
    applicant_kind: Mapped[str] = mapped_column(sa.String(20))
    applicant_name: Mapped[str] = mapped_column(sa.String(200))
    applicant_id_number: Mapped[str] = mapped_column(sa.String(18), index=True)
    applicant_phone: Mapped[str] = mapped_column(sa.String(20))
    #: the last 4 characters of the ID number and phone, kept in step by the listener below: 办件查询 searches
    #: by them (indexed) so that a search never needs, nor logs, the full number
    applicant_id_suffix: Mapped[str | None] = mapped_column(sa.String(4), index=True)
    applicant_phone_suffix: Mapped[str | None] = mapped_column(sa.String(4), index=True)
    #: 查询码 printed on the window's notices; random, never in lists or logs (app.applicants.query_code)
    query_code: Mapped[str] = mapped_column(sa.String(16), default=new_query_code)
    received_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    accepted_at: Mapped[object | None] = mapped_column(UTCDateTime)
    deadline: Mapped[object | None] = mapped_column(sa.Date, index=True)  # promised limit
    legal_deadline: Mapped[object | None] = mapped_column(sa.Date)
    finished_at: Mapped[object | None] = mapped_column(UTCDateTime)
    #: when the decision (准予 / 不予许可) was made: the case clock stops here (app.clock, app.supervision)
    decided_at: Mapped[object | None] = mapped_column(UTCDateTime)
    #: set while a pause (补正 / 特别程序) is open; the deadline moves when it ends (app.clock)
    paused_since: Mapped[object | None] = mapped_column(UTCDateTime)
    #: 电子监察 level from the last supervision sweep: green | warning | yellow | red (app.supervision)
    warning_level: Mapped[str | None] = mapped_column(sa.String(20), index=True)
    #: the first local day the level can change (None: measure at the next sweep), and the digest of the
    #: rules it was measured with; reset whenever the deadlines, the pause or the status change
    level_check_on: Mapped[object | None] = mapped_column(sa.Date)
    level_rules: Mapped[str | None] = mapped_column(sa.String(16))
    #: 挂起 by an administrator: no task of the case may be completed or transferred, timers do not fire
    suspended_at: Mapped[object | None] = mapped_column(UTCDateTime)
    #: the last 催办, for throttling urges to once per hour (app.cases.control)
    last_urged_at: Mapped[object | None] = mapped_column(UTCDateTime)
    missing_materials: Mapped[list] = mapped_column(sa.JSON, default=list)
    refusal_reason: Mapped[str | None] = mapped_column(sa.Text)
    issue_method: Mapped[str | None] = mapped_column(sa.String(20))
    tracking_no: Mapped[str | None] = mapped_column(sa.String(50))
    issued_at: Mapped[object | None] = mapped_column(UTCDateTime)
    #: how the application came in: window (收件 at the window) | online (网上申报, app.applications)
    channel: Mapped[str] = mapped_column(sa.String(20), default="window", server_default="window")
    #: the application form's answers (一表申请), validated against the form of the case's item version
    form_data: Mapped[dict | None] = mapped_column(sa.JSON)
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    #: the service network: where the case was received, and which region's implementation handles it
    receiving_centre_id: Mapped[int | None] = mapped_column(sa.ForeignKey("service_centres.id"), index=True)
    receiving_region_code: Mapped[str] = mapped_column(sa.String(12), index=True)
    handling_region_code: Mapped[str] = mapped_column(sa.String(12), index=True)
    #: the 通办 scope the case was accepted under (NULL: accepted in the item's own region)
    tongban_scope: Mapped[str | None] = mapped_column(sa.String(20))
    #: 代办: who applies on behalf of the applicant, and the 授权委托书 material
    agent_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    agent_kind: Mapped[str | None] = mapped_column(sa.String(20))
    agent_name: Mapped[str | None] = mapped_column(sa.String(100))
    agent_id_number: Mapped[str | None] = mapped_column(sa.String(18))
    authorisation_material_code: Mapped[str | None] = mapped_column(sa.String(40))
    #: 全程代办 key project the case belongs to
    project_id: Mapped[int | None] = mapped_column(sa.ForeignKey("projects.id"), index=True)
    #: the 代办员 handed the result issued to them over to the applicant at the station (app.network.agents)
    agent_delivered_at: Mapped[object | None] = mapped_column(UTCDateTime)
    #: head of the hash chain of this case's events (the chain lives in case_events)
    last_event_seq: Mapped[int] = mapped_column(default=0)
    last_event_hash: Mapped[str] = mapped_column(sa.String(64), default="")

    item = relationship("ServiceItem")
    window = relationship("Window")
    workflow_instance = relationship("WorkflowInstance")
    created_by = relationship("User", foreign_keys=[created_by_id])
    agent_user = relationship("User", foreign_keys=[agent_user_id])
    receiving_centre = relationship("ServiceCentre")
    project = relationship("Project")
    materials: Mapped[list["CaseMaterial"]] = relationship(
        back_populates="case", order_by="CaseMaterial.id", cascade="all, delete-orphan"
    )
    events: Mapped[list["CaseEvent"]] = relationship(order_by="CaseEvent.seq", viewonly=True)
    tasks = relationship("HumanTask", back_populates="case", viewonly=True)

    @property
    def received_material_codes(self) -> set[str]:
        return {m.material_code for m in self.materials}


def identity_suffix(value: str | None) -> str | None:
    """The last 4 characters of an ID number or phone as the suffix columns hold them (upper case)."""
    text = "".join((value or "").split()).upper()
    return text[-4:] or None


@sa.event.listens_for(Case, "before_insert")
@sa.event.listens_for(Case, "before_update")
def _keep_suffixes(_mapper, _connection, case: Case) -> None:
    case.applicant_id_suffix = identity_suffix(case.applicant_id_number)
    case.applicant_phone_suffix = identity_suffix(case.applicant_phone)


class CaseMaterial(db.Model):
    """A material received at the window (at first acceptance or brought for a supplement notice)."""

    __tablename__ = "case_materials"
    __table_args__ = (sa.UniqueConstraint("case_id", "material_code", name="uq_case_materials_case_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    material_code: Mapped[str] = mapped_column(sa.String(40))
    name: Mapped[str] = mapped_column(sa.String(200))
    stage: Mapped[str] = mapped_column(sa.String(20), default="initial")  # initial | supplement
    received_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)

    case: Mapped[Case] = relationship(back_populates="materials")


class CaseEvent(db.Model):
    """Append-only history of a case. Each event hashes its content and the previous event's hash."""

    __tablename__ = "case_events"
    __table_args__ = (sa.UniqueConstraint("case_id", "seq", name="uq_case_events_case_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    seq: Mapped[int]
    occurred_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(sa.String(100))
    action: Mapped[str] = mapped_column(sa.String(40))
    task_id: Mapped[str | None] = mapped_column(sa.String(36))
    step: Mapped[str | None] = mapped_column(sa.String(200))
    decision: Mapped[str | None] = mapped_column(sa.String(20))
    opinion: Mapped[str | None] = mapped_column(sa.Text)
    detail: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))


class CaseNumberCounter(db.Model):
    """Per-day sequence for case numbers; incremented under the transaction's row lock."""

    __tablename__ = "case_number_counters"

    key: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


class AuditLedgerEntry(db.Model):
    """The global ledger of the case history: every event of every case, in one sequence, chained by HMAC.

    Appended after the fact by the checkpoint job (never on the request path, so completions do not queue on
    one row). An entry whose event has gone — a whole case deleted with its events — breaks verification, and
    signed checkpoints of the ledger's head, written outside the database, catch a truncated ledger."""

    __tablename__ = "audit_ledger"

    global_seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    event_id: Mapped[int] = mapped_column(unique=True)
    case_id: Mapped[int]
    case_no: Mapped[str] = mapped_column(sa.String(50))
    case_seq: Mapped[int]
    event_hash: Mapped[str] = mapped_column(sa.String(64))
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))
    recorded_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
