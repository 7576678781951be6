"""代办 / 帮办: a 代办员 of a station (role ``agent``) or an enterprise's agent applies on the applicant's
behalf. The agent and the 授权委托书 (a material of the item, or the reserved one below) are recorded on
the case; the agent follows its cases, collects the result issued to it (出件方式 ``agent``) and confirms
handing it to the applicant at the station."""
import logging

import sqlalchemy as sa

from app.accounts.models import User
from app.applicants.identity import IdKind, citizen_id_problem, normalise_id
from app.cases import lifecycle
from app.cases.events import record_event
from app.cases.models import Case
from app.errors import Conflict, Forbidden, InvalidInput
from app.extensions import db

from .models import Project

logger = logging.getLogger(__name__)

#: the reserved 授权委托书 material, used when the item's checklist has none of its own
AUTHORISATION_MATERIAL = {"code": "DB-SQWTS", "name": "授权委托书"}


def authorisation_code_of(item) -> str:
    """The item's own 授权委托书 (often a situational material required when the form says 委托代理), else the
    reserved one."""
    own = next((m for m in item.materials if "授权委托书" in m.name), None)
    return own.code if own is not None else AUTHORISATION_MATERIAL["code"]


def _authorisation_material(item, code: str | None, received: set[str]) -> dict:
    code = code or authorisation_code_of(item)
    if code == AUTHORISATION_MATERIAL["code"]:
        return AUTHORISATION_MATERIAL
    material = next((m for m in item.materials if m.code == code), None)
    if material is None:
        raise InvalidInput.field("agent.authorisation_material",
                                 f"{code} 不是事项 {item.code} 的材料，也不是预留的授权委托书 {AUTHORISATION_MATERIAL['code']}")
    if code not in received:
        raise InvalidInput.field("agent.authorisation_material", f"未收取授权委托书（{material.name}）")
    return {"code": material.code, "name": material.name}


def _station_agent(username: str) -> User:
    agent = db.session.scalars(sa.select(User).where(User.username == username)).first()
    if agent is None or not agent.active or agent.role != "agent":
        raise InvalidInput.field("agent.username", f"{username} 不是在岗的代办员")
    if agent.centre is None:
        raise InvalidInput.field("agent.username", f"代办员 {agent.display_name} 未归属便民服务站")
    return agent


def _project(code: str | None, agent: User | None):
    """The 全程代办 project the case joins; a station agent may only file cases under its own projects."""
    if not code:
        return None
    project = db.session.scalars(sa.select(Project).where(Project.code == code)).first()
    if project is None:
        raise InvalidInput.field("agent.project", f"全程代办项目 {code} 不存在")
    if agent is not None and project.agent_user_id not in (None, agent.id):
        raise InvalidInput.field("agent.project", f"全程代办项目 {code} 由其他代办员负责")
    return project


def agent_case_fields(item, agent: dict | None, received: set[str]) -> tuple[dict, dict | None]:
    """(case columns, the reserved authorisation material to add to the case's materials or None)."""
    if not agent:
        return {}, None
    if agent["kind"] == "station":
        if not agent.get("username"):
            raise InvalidInput.field("agent.username", "村（社区）代办员须填写代办员账号")
        user = _station_agent(agent["username"])
        name, id_number = user.display_name, None
    else:
        user = None
        name = (agent.get("name") or "").strip()
        if not name:
            raise InvalidInput.field("agent.name", "须填写企业代办人姓名")
        id_number = normalise_id(IdKind.CITIZEN_ID, agent.get("id_number") or "")
        problem = citizen_id_problem(id_number)
        if problem:
            raise InvalidInput.field("agent.id_number", problem)
    material = _authorisation_material(item, agent.get("authorisation_material"), received)
    project = _project(agent.get("project"), user)
    fields = {
        "agent_user_id": user.id if user is not None else None,
        "agent_kind": agent["kind"],
        "agent_name": name,
        "agent_id_number": id_number,
        "authorisation_material_code": material["code"],
        "project_id": project.id if project is not None else None,
    }
    return fields, (material if material is AUTHORISATION_MATERIAL else None)


def agent_cases_clause(user, case_entity=Case):
    """SQL: the cases an agent follows — those it applied for, and every case of its 全程代办 projects."""
    own_projects = sa.select(Project.id).where(Project.agent_user_id == user.id)
    return sa.or_(case_entity.agent_user_id == user.id, case_entity.project_id.in_(own_projects))


def require_station_agent(actor) -> None:
    if actor.role != "agent" or actor.centre is None:
        raise Forbidden("只有归属便民服务站的代办员可以办理代办业务")


def check_issue_to_agent(case, payload: dict) -> None:
    """出件 to the agent (代办员代领): only for a case with an agent; the agent is the recipient."""
    if payload.get("method") != "agent":
        return
    if case.agent_name is None:
        raise InvalidInput.field("method", "该办件无代办人，不能由代办员代领")
    payload.setdefault("recipient", case.agent_name)
    if not payload.get("recipient"):
        payload["recipient"] = case.agent_name


def deliver_to_applicant(actor, case_no: str, payload: dict) -> Case:
    """The 代办员 hands the result it collected to the applicant at the station (the applicant signs)."""
    require_station_agent(actor)
    case = lifecycle.lock_case(case_no)
    if case.agent_user_id != actor.id:
        raise Forbidden(f"办件 {case_no} 不是本人代办的办件")
    if case.issue_method != "agent" or case.issued_at is None:
        raise Conflict("该办件的结果尚未交由代办员代领")
    if case.agent_delivered_at is not None:
        raise Conflict("结果已交付申请人")
    suffix = (payload.get("recipient_id_suffix") or "").upper()
    if not case.applicant_id_number.upper().endswith(suffix):
        raise InvalidInput.field("recipient_id_suffix", "领取人证件号码后几位与申请人不符")
    case.agent_delivered_at = lifecycle.now_utc()
    record_event(case, actor, "agent.delivered", opinion=(payload.get("note") or "").strip() or None,
                 station=actor.centre.name, recipient_id_suffix=suffix)
    logger.info("case %s: result handed to the applicant by agent %s", case_no, actor.id)
    db.session.flush()
    return case
