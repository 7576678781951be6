"""全程代办 key projects: a project (code, name, region, assigned 代办员) groups the cases of a key project
across departments; its agent and the supervisors of its region follow them in a project view."""
import logging

import sqlalchemy as sa

from app.accounts.models import User
from app.cases.events import record_event
from app.cases.lifecycle import lock_case
from app.cases.models import Case
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.extensions import db

from .models import Project, Region
from .scope import case_within_scope, covers, region_by_code, user_scope, within

logger = logging.getLogger(__name__)

PROJECT_MANAGERS = ("supervisor",)


def _agent(username: str) -> User:
    agent = db.session.scalars(sa.select(User).where(User.username == username)).first()
    if agent is None or not agent.active or agent.role != "agent":
        raise InvalidInput.field("agent", f"{username} 不是在岗的代办员")
    return agent


def create_project(actor, payload: dict) -> Project:
    if actor.role not in PROJECT_MANAGERS:
        raise Forbidden("只有电子监察人员可以设立全程代办项目")
    region = region_by_code(payload["region"])
    if not covers(user_scope(actor), region):
        raise Forbidden(f"{region.name}不在本人管辖区域内")
    if db.session.scalar(sa.select(Project.id).where(Project.code == payload["code"])) is not None:
        raise Conflict(f"项目编码 {payload['code']} 已存在")
    project = Project(code=payload["code"], name=payload["name"].strip(), region=region,
                      agent=_agent(payload["agent"]))
    db.session.add(project)
    db.session.flush()
    logger.info("project %s created in %s", project.code, region.code)
    return project


def _visible(user):
    if user.role == "agent":
        return Project.agent_user_id == user.id
    if user.role == "supervisor":
        scope = user_scope(user)
        return sa.true() if scope is None else within(scope, Region.code)
    return None


def visible_projects(user) -> list[Project]:
    clause = _visible(user)
    if clause is None:
        raise Forbidden("只有代办员、电子监察人员和管理员可以查看全程代办项目")
    query = sa.select(Project).join(Region, Project.region_id == Region.id).where(clause)
    return db.session.scalars(query.order_by(Project.code)).all()


def project_for(user, code: str) -> Project:
    clause = _visible(user)
    if clause is None:
        raise Forbidden("只有代办员、电子监察人员和管理员可以查看全程代办项目")
    project = db.session.scalars(sa.select(Project).where(Project.code == code)).first()
    if project is None:
        raise NotFound(f"全程代办项目 {code} 不存在")
    visible = db.session.scalar(sa.select(sa.func.count()).select_from(Project)
                                .join(Region, Project.region_id == Region.id).where(Project.id == project.id, clause))
    if not visible:
        raise Forbidden("无权查看该项目")
    project.view_cases = db.session.scalars(
        sa.select(Case).where(Case.project_id == project.id).order_by(Case.deadline, Case.id)).all()
    return project


def add_case(actor, code: str, case_no: str) -> Project:
    """The project's agent adds a case it applied for; a supervisor any case of its region."""
    project = project_for(actor, code)
    case = lock_case(case_no)
    if actor.role == "agent" and case.agent_user_id != actor.id:
        raise Forbidden(f"办件 {case_no} 不是本人代办的办件")
    if actor.role == "supervisor" and not case_within_scope(actor, case):
        raise Forbidden(f"办件 {case_no} 不在本人管辖区域内")
    if case.project_id not in (None, project.id):
        raise Conflict(f"办件 {case_no} 已属于其他全程代办项目")
    if case.project_id is None:
        case.project_id = project.id
        record_event(case, actor, "case.project_assigned", project=project.code, project_name=project.name)
        db.session.flush()
    return project_for(actor, code)
