"""What a department system (自建系统) may do through the API, each call scoped to the client's department:
read its cases, complete its tasks with an opinion, attach electronic materials. Decisions and materials
need a person by law (行政许可法: the decision is the staff member's): the call names the staff member
(``on_behalf_of``), who must belong to the department and may act on the task; the history records the
system acting for that person. Reads are recorded as the system. Another department's case is a 404."""
import logging
from dataclasses import dataclass

import sqlalchemy as sa

from app.accounts.models import User
from app.cases.events import record_event
from app.cases.lifecycle import lock_case
from app.cases.models import Case, CaseEvent
from app.catalogue.models import ServiceItem
from app.errors import InvalidInput, NotFound
from app.extensions import db
from app.files.services import upload_case_file
from app.tasks.models import HumanTask
from app.tasks.services import BACK_OFFICE_FORMS, DECIDING_ROLES, complete_task

from .payloads import case_element, masked, step_element

logger = logging.getLogger(__name__)

STEP_ACTIONS = ("task.", "step.", "escalation.")


@dataclass(frozen=True)
class SystemActor:
    """The department system itself (no staff account): reads are recorded under its name."""

    display_name: str
    id: None = None


class OnBehalf:
    """A staff member acting through the department system: every check sees the person (role, groups,
    department); the history shows ``<system>（代 <person>）`` with the person's id."""

    def __init__(self, user: User, client):
        self._user = user
        self.display_name = f"{client.name}（代 {user.display_name}）"

    def __getattr__(self, name):
        return getattr(self._user, name)


def _department_filter(client):
    code = client.department.code
    in_tasks = sa.exists().where(HumanTask.case_id == Case.id, HumanTask.department_code == code)
    return sa.or_(ServiceItem.department_id == client.department_id, in_tasks)


def department_cases(client, status: str | None = None, limit: int = 100):
    query = (sa.select(Case).join(ServiceItem, Case.item_id == ServiceItem.id).where(_department_filter(client))
             .order_by(Case.id.desc()).limit(limit))
    if status:
        query = query.where(Case.status == status)
    return [masked({"case": case_element(c)}, client.personal_data)["case"] for c in db.session.scalars(query)]


def _visible_case(client, case_no: str) -> Case:
    case = db.session.scalars(sa.select(Case).join(ServiceItem, Case.item_id == ServiceItem.id)
                              .where(Case.case_no == case_no, _department_filter(client))).first()
    if case is None:  # the same answer for "no such case" and "another department's case"
        raise NotFound(f"办件 {case_no} 不存在或不属于{client.department.name}")
    return case


def read_case(client, case_no: str) -> dict:
    """The case with its process steps; the read is recorded in the case history (the caller commits)."""
    _visible_case(client, case_no)
    case = lock_case(case_no)
    record_event(case, SystemActor(client.name), "exchange.case_read", client=client.client_id)
    db.session.flush()
    is_step = sa.or_(*(CaseEvent.action.startswith(prefix) for prefix in STEP_ACTIONS))
    events = db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == case.id, is_step).order_by(CaseEvent.seq)).all()
    departments = {client.department.code: client.department.name}
    payload = {"case": case_element(case), "steps": [step_element(e, departments) for e in events]}
    return masked(payload, client.personal_data)


def department_tasks(client):
    return db.session.scalars(
        sa.select(HumanTask).where(HumanTask.state == "ready", HumanTask.form_key.in_(BACK_OFFICE_FORMS),
                                   HumanTask.department_code == client.department.code)
        .order_by(HumanTask.created_at, HumanTask.id)).all()


def staff_member(client, username: str | None, field: str = "on_behalf_of") -> OnBehalf:
    """The named staff member of the client's department the call acts for (422 naming the field)."""
    if not username:
        raise InvalidInput.field(field, "须指明代为办理的本部门工作人员（用户名）")
    user = db.session.scalars(sa.select(User).where(User.username == username)).first()
    if (user is None or not user.active or user.department_id != client.department_id
            or user.role not in DECIDING_ROLES):
        raise InvalidInput.field(field, f"“{username}”不是{client.department.name}在岗的办理人员")
    return OnBehalf(user, client)


def complete_department_task(client, task_id: str, form: dict) -> HumanTask:
    task = db.session.get(HumanTask, task_id)
    if task is None or task.department_code != client.department.code:
        raise NotFound(f"任务 {task_id} 不存在或不属于{client.department.name}")
    actor = staff_member(client, form.get("on_behalf_of"))
    logger.info("exchange client %s completes task %s for user %s", client.client_id, task_id, actor.id)
    return complete_task(actor, task_id, {"decision": form["decision"], "opinion": form.get("opinion")})


def attach_material(client, case_no: str, code: str, on_behalf_of: str | None):
    _visible_case(client, case_no)
    actor = staff_member(client, on_behalf_of)
    return upload_case_file(actor, case_no, code)
