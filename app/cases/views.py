from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, login_required, roles_required
from app.transaction import transactional

from . import queries
from .acceptance import receive_case, supplement_case
from .issuance import issue_case
from .schemas import (
    CaseCreateSchema,
    CaseQuerySchema,
    CaseSchema,
    CaseSummarySchema,
    IssueSchema,
    SupplementSchema,
)

blp = Blueprint("cases", __name__, url_prefix="/api/v1/cases", description="办件：受理、补正、出件与查询")


@blp.post("")
@blp.arguments(CaseCreateSchema)
@blp.response(201, CaseSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
@transactional
def create_case(payload):
    """综合窗口收件并作出受理决定（受理 / 补正一次告知 / 不予受理）"""
    return receive_case(current_user(), payload)


@blp.get("")
@blp.arguments(CaseQuerySchema, location="query")
@blp.response(200, CaseSummarySchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@login_required
def list_cases(args):
    """本人可见的办件（窗口：本综合窗口所属领域；部门：涉及本部门的办件）"""
    return queries.visible_cases(current_user(), **args)


@blp.get("/<string:case_no>")
@blp.response(200, CaseSchema)
@blp.doc(security=BEARER_SECURITY)
@login_required
def get_case(case_no):
    """办件详情：状态、期限、待办任务与全部办理记录"""
    return queries.case_for(current_user(), case_no)


@blp.post("/<string:case_no>/supplement")
@blp.arguments(SupplementSchema)
@blp.response(200, CaseSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
@transactional
def supplement(payload, case_no):
    """补正材料接收：申请人按一次性告知补齐材料后，窗口再次审查并作出受理决定"""
    return supplement_case(current_user(), case_no, payload)


@blp.post("/<string:case_no>/issue")
@blp.arguments(IssueSchema)
@blp.response(200, CaseSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
@transactional
def issue(payload, case_no):
    """统一出件：窗口领取或邮寄送达"""
    return issue_case(current_user(), case_no, payload)
