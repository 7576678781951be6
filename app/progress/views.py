from flask import request
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from app.errors import NotFound
from app.extensions import db

from .services import authenticate_case, public_progress

blp = Blueprint("progress", __name__, url_prefix="/api/v1/public", description="办件进度公开查询（无需登录）")


class ProgressQuerySchema(Schema):
    case_no = fields.String(required=True, validate=validate.Length(min=1, max=50))
    code = fields.String(required=True, validate=validate.Length(min=1, max=20),
                         metadata={"description": "申请人证件号码或手机号码的后6位"})


class PublicStepSchema(Schema):
    step = fields.String(allow_none=True)
    action = fields.String()
    date = fields.Date()


class ProgressSchema(Schema):
    case_no = fields.String()
    item_name = fields.String()
    applicant = fields.String(metadata={"description": "申请人（个人姓名已脱敏）"})
    status = fields.String()
    status_label = fields.String()
    result_label = fields.String(allow_none=True)
    received_on = fields.Date()
    accepted_on = fields.Date(allow_none=True)
    decided_on = fields.Date(allow_none=True)
    finished_on = fields.Date(allow_none=True)
    deadline = fields.Date(allow_none=True)
    steps = fields.List(fields.Nested(PublicStepSchema))


def authenticated_case_or_404(case_no: str, code: str):
    """authenticate_case, committing the failure record before the 404 leaves the request."""
    try:
        return authenticate_case(case_no, code, request.remote_addr)
    except NotFound:
        db.session.commit()
        raise


@blp.get("/progress")
@blp.arguments(ProgressQuerySchema, location="query")
@blp.response(200, ProgressSchema)
@blp.alt_response(404, description="未找到匹配的办件")
@blp.alt_response(429, description="查询失败次数过多，请稍后再试")
def progress(args):
    """办件查询：办件编号 + 申请人证件号码或手机号码后6位 → 状态、环节与日期、办理期限"""
    return public_progress(authenticated_case_or_404(args["case_no"], args["code"]))
