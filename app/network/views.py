from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, roles_required
from app.applications.schemas import ApplicationReceiptSchema
from app.cases.schemas import CaseSchema
from app.transaction import transactional

from . import agents, projects
from .agent_applications import submit_agent_application
from .schemas import (
    AgentApplicationSchema, AgentDeliverySchema, ProjectCaseSchema, ProjectCreateSchema, ProjectSchema,
    ProjectViewSchema,
)

blp = Blueprint("network", __name__, url_prefix="/api/v1", description="代办帮办与全程代办项目")


@blp.post("/agent/applications")
@blp.arguments(AgentApplicationSchema)
@blp.response(201, ApplicationReceiptSchema)
@blp.alt_response(403, description="不是归属便民服务站的代办员")
@blp.doc(security=BEARER_SECURITY)
@roles_required("agent")
@transactional
def agent_application(payload):
    """代办员为申请人代办申报（附授权委托书），由提供该事项的中心窗口预审受理"""
    return submit_agent_application(current_user(), payload)


@blp.post("/agent/cases/<string:case_no>/deliver")
@blp.arguments(AgentDeliverySchema)
@blp.response(200, CaseSchema)
@blp.alt_response(403, description="不是该办件的代办员")
@blp.alt_response(409, description="结果未交代办员代领，或已交付")
@blp.doc(security=BEARER_SECURITY)
@roles_required("agent")
@transactional
def deliver(payload, case_no):
    """代办员在便民服务站将代领的结果交付申请人（核验申请人证件号后几位）"""
    return agents.deliver_to_applicant(current_user(), case_no, payload)


@blp.get("/projects")
@blp.response(200, ProjectSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@roles_required("agent", "supervisor")
def list_projects():
    """全程代办项目（代办员：本人负责的；电子监察人员：本辖区的）"""
    return projects.visible_projects(current_user())


@blp.post("/projects")
@blp.arguments(ProjectCreateSchema)
@blp.response(201, ProjectSchema)
@blp.alt_response(409, description="项目编码已存在")
@blp.doc(security=BEARER_SECURITY)
@roles_required("supervisor")
@transactional
def create_project(payload):
    """设立全程代办重点项目并指派代办员"""
    return projects.create_project(current_user(), payload)


@blp.get("/projects/<string:code>")
@blp.response(200, ProjectViewSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("agent", "supervisor")
def get_project(code):
    """项目视图：项目下各部门办件的状态与期限"""
    return projects.project_for(current_user(), code)


@blp.post("/projects/<string:code>/cases")
@blp.arguments(ProjectCaseSchema)
@blp.response(200, ProjectViewSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("agent", "supervisor")
@transactional
def add_project_case(payload, code):
    """将办件纳入全程代办项目（代办员：本人代办的办件）"""
    return projects.add_case(current_user(), code, payload["case_no"])
