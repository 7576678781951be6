import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db
from app.network.groups import clerk_groups
from app.network.models import Department, Region, ServiceCentre, Window

#: role code → label. Department roles act on their department's steps; clerks on their window's sector.
ROLES = {
    "clerk": "综合窗口受理人员",
    "handler": "承办人",
    "reviewer": "审核人",
    "approver": "审批人（首席代表）",
    "head": "部门负责人",
    "supervisor": "电子监察人员",
    "designer": "流程设计人员",
    "admin": "系统管理员",
    "agent": "代办员",
}
DEPARTMENT_ROLES = ("handler", "reviewer", "approver", "head")


class User(db.Model):
    __tablename__ = "users"
    __table_args__ = (sa.CheckConstraint(sa.text(f"role IN {tuple(ROLES)}"), name="role_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(80), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(100))
    password_hash: Mapped[str] = mapped_column(sa.String(300))
    role: Mapped[str] = mapped_column(sa.String(20))
    department_id: Mapped[int | None] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    window_id: Mapped[int | None] = mapped_column(sa.ForeignKey("windows.id"), index=True)
    #: explicit scope (supervisors, admins, designers, agents); staff take theirs from department / centre
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    #: the station (便民服务站) of a 代办员
    centre_id: Mapped[int | None] = mapped_column(sa.ForeignKey("service_centres.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)

    department: Mapped[Department | None] = relationship()
    window: Mapped[Window | None] = relationship()
    region: Mapped[Region | None] = relationship()
    centre: Mapped[ServiceCentre | None] = relationship()

    @property
    def scope_region(self) -> Region | None:
        """The region whose cases this user's work is about: users.region, else the department's region,
        else the region of the window's (or the agent's) centre."""
        if self.region is not None:
            return self.region
        if self.department is not None:
            return self.department.region
        centre = self.window.centre if self.window is not None else self.centre
        return centre.region if centre is not None else None

    @property
    def groups(self) -> frozenset[str]:
        """Candidate groups this user belongs to, in the notation of BPMN ``camunda:candidateGroups``:
        ``window:<centre>:<sector>`` for clerks (each sector their window accepts), ``<DEPT>:<role>`` for
        department staff, ``role:<role>`` for all."""
        groups = {f"role:{self.role}"}
        if self.role == "clerk" and self.window is not None:
            groups |= clerk_groups(self.window)
        if self.role in DEPARTMENT_ROLES and self.department is not None:
            groups.add(f"{self.department.code}:{self.role}")
        return frozenset(groups)


class ApiToken(db.Model):
    """A bearer token; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[object] = mapped_column(UTCDateTime)
    revoked_at: Mapped[object | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class LoginAttempt(db.Model):
    """Login attempts, for throttling password guessing (by username and by client address)."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        sa.Index("ix_login_attempts_username_at", "username", "attempted_at"),
        sa.Index("ix_login_attempts_address_at", "remote_addr", "attempted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(80))
    remote_addr: Mapped[str] = mapped_column(sa.String(64))
    succeeded: Mapped[bool]
    attempted_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
