"""The applicant's own actions on a case, public (no login): 撤件 with the case number and the query code,
under the public lookup throttle (services in app.cases.withdrawal)."""
from flask import request
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from app.progress.services import authenticate_case
from app.progress.throttle import failures_counted
from app.transaction import transactional

from .models import CASE_STATUSES
from .withdrawal import withdraw_case

blp = Blueprint("case_applicant", __name__, url_prefix="/api/v1/public/cases",
                description="申请人网上办理：撤件（无需登录，凭办件编号和查询码）")


class CaseWithdrawSchema(Schema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=20), metadata={"description": "查询码"})
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500),
                           metadata={"description": "撤件理由（记入办理记录，窗口和部门可见）"})


class WithdrawnCaseSchema(Schema):
    case_no = fields.String()
    status = fields.String()
    status_label = fields.Function(lambda c: CASE_STATUSES.get(c.status))
    finished_at = fields.DateTime(allow_none=True)


def applicant_case(case_no: str, code: str):
    """The case for its applicant (number + query code); a failed attempt is committed so that it counts."""
    return failures_counted(authenticate_case, case_no, code, request.remote_addr)


@blp.post("/<string:case_no>/withdraw")
@blp.arguments(CaseWithdrawSchema)
@blp.response(200, WithdrawnCaseSchema)
@blp.alt_response(404, description="未找到匹配的办件")
@blp.alt_response(409, description="办件已作出决定、已办结或不予受理，不能撤件")
@blp.alt_response(429, description="查询失败次数过多，请稍后再试")
@transactional
def withdraw(payload, case_no):
    """撤件：作出决定前申请人撤回申请；流程与待办任务取消，计时停止，理由记入办理记录"""
    applicant_case(case_no, payload["code"])
    return withdraw_case(case_no, payload["reason"])
