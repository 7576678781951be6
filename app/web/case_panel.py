"""What the viewer of a case page may do on it, and the choices each form offers — asked of the services' own
rules (app.clock.access, app.cases.control, app.tasks.operations / delegation), so a button shows only where
the service would accept it. The services check again when the form is sent; nothing here decides."""
import logging
from dataclasses import dataclass, field

import sqlalchemy as sa

from app.accounts.models import DEPARTMENT_ROLES, User
from app.cases.control import CLOSED_STATUSES
from app.cases.lifecycle import require_case_window_clerk
from app.clock.access import require_handling_department_staff, require_lead_department_decider, \
    require_pause_decider
from app.clock.extension import MAX_EXTENSION_DAYS, case_extension
from app.clock.extension_requests import pending_request
from app.clock.pauses import clock_state, open_pause
from app.clock.procedures import offered_procedures
from app.errors import ServiceError
from app.extensions import db
from app.network.models import Department
from app.network.scope import case_within_scope
from app.tasks.delegation import case_department_codes
from app.tasks.operations import returnable_steps
from app.tasks.services import BACK_OFFICE_FORMS

logger = logging.getLogger(__name__)


@dataclass
class TaskChoices:
    """The hand-over forms of one of the viewer's ready tasks."""

    task: object
    transfer_to: list = field(default_factory=list)
    delegate_to: list = field(default_factory=list)
    signers: list = field(default_factory=list)
    return_steps: list = field(default_factory=list)


@dataclass
class CasePanel:
    clock: str
    pause_procedures: list = field(default_factory=list)  # may pause: the configured procedures
    open_pause: object = None
    can_resume_clock: bool = False
    extension: object = None  # the case's extension, once there is one
    extension_max_days: int | None = None  # may extend: up to this many working days
    extension_request: object = None  # the pending 申请延长审批, if any
    can_request_extension: bool = False
    can_decide_request: bool = False
    can_urge: bool = False
    can_suspend: bool = False
    can_activate: bool = False
    can_terminate: bool = False
    tasks: dict = field(default_factory=dict)  # task id → TaskChoices
    to_sign: list = field(default_factory=list)  # 加签: ready tasks the viewer has still to sign
    withdrawable: list = field(default_factory=list)  # 撤回: the viewer's task just completed

    @property
    def any_clock_action(self) -> bool:
        return bool(self.pause_procedures or self.can_resume_clock or self.extension_max_days
                    or self.can_request_extension or self.can_decide_request)

    @property
    def any_control(self) -> bool:
        return self.can_urge or self.can_suspend or self.can_activate or self.can_terminate


def _allowed(check, *args) -> bool:
    try:
        check(*args)
    except ServiceError:
        return False
    return True


def _staff_of(codes) -> list[User]:
    """Active department staff of the given departments, by department, role and name."""
    if not codes:
        return []
    return db.session.scalars(
        sa.select(User).join(Department, User.department_id == Department.id)
        .where(Department.code.in_(sorted(codes)), User.active.is_(True), User.role.in_(DEPARTMENT_ROLES))
        .order_by(Department.code, User.role, User.username)).all()


def _task_choices(user, case, task, case_staff) -> TaskChoices:
    choices = TaskChoices(task)
    if task.form_key != "approval" or task.delegated_by:
        return choices
    holder = task.assignee if task.transferred else user.username
    groups = set(task.candidate_groups)
    signed_up = {c.user_id for c in task.cosigners}
    for colleague in case_staff:
        if colleague.id == user.id:
            continue
        if colleague.groups & groups and colleague.username != holder:
            choices.transfer_to.append(colleague)
        if colleague.department.code == task.department_code:
            choices.delegate_to.append(colleague)
        if colleague.id not in signed_up:
            choices.signers.append(colleague)
    try:
        choices.return_steps = returnable_steps(user, task.id)
    except ServiceError:
        choices.return_steps = []
    return choices


def _withdrawable(user, case) -> list:
    """The viewer's completed task that nothing has followed yet (the service decides again when asked)."""
    if case.result is not None or case.suspended_at is not None or case.status in CLOSED_STATUSES:
        return []
    done = [t for t in case.tasks if t.state == "completed" and t.completed_at is not None]
    if not done:
        return []
    last = max(done, key=lambda t: t.completed_at)
    later = [t for t in done if t.id != last.id and t.completed_at >= last.completed_at]
    if last.completed_by_id != user.id or later or last.decision in (None, "return", "withdrawn"):
        return []
    return [last] if last.form_key in BACK_OFFICE_FORMS else []


def case_panel(user, case, my_tasks) -> CasePanel:
    panel = CasePanel(clock=clock_state(case))
    running = panel.clock == "running"
    if running and _allowed(require_pause_decider, user, case):
        panel.pause_procedures = offered_procedures()
    panel.open_pause = open_pause(case) if case.paused_since is not None else None
    panel.can_resume_clock = (panel.open_pause is not None
                              and _allowed(require_handling_department_staff, user, case))
    panel.extension = case_extension(case)
    lead_decider = _allowed(require_lead_department_decider, user, case)
    max_days = MAX_EXTENSION_DAYS["joint" if case.item.is_joint else "standard"]
    if running and panel.extension is None:
        panel.extension_request = pending_request(case)
        pending = panel.extension_request
        if lead_decider:
            panel.extension_max_days = max_days
            panel.can_decide_request = pending is not None and pending.requested_by_id != user.id
        elif pending is None and _allowed(require_handling_department_staff, user, case):
            panel.can_request_extension = True
            panel.extension_max_days = max_days

    open_case = case.status not in CLOSED_STATUSES
    has_ready = any(t.state == "ready" for t in case.tasks)
    if open_case and has_ready:
        if user.role == "clerk":
            panel.can_urge = _allowed(require_case_window_clerk, user, case)
        elif user.role == "supervisor":
            panel.can_urge = case_within_scope(user, case)
    if open_case and user.role == "head" and user.department_id == case.item.department_id:
        panel.can_suspend = case.suspended_at is None
        panel.can_activate = case.suspended_at is not None
        panel.can_terminate = case.result is None

    if user.role in DEPARTMENT_ROLES and case.suspended_at is None:
        staff = _staff_of(case_department_codes(case)) if my_tasks else []
        panel.tasks = {t.id: _task_choices(user, case, t, staff) for t in my_tasks}
        panel.to_sign = [t for t in case.tasks if t.state == "ready"
                         and any(c.user_id == user.id and c.signed_at is None for c in t.cosigners)]
        panel.withdrawable = _withdrawable(user, case)
    return panel
