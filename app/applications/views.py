from flask import request
from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, roles_required
from app.extensions import db
from app.files.applicant import authenticated_application
from app.progress.throttle import failures_counted
from app.transaction import transactional

from . import services
from .schemas import (
    ApplicationQuerySchema,
    ApplicationReceiptSchema,
    ApplicationResubmitSchema,
    ApplicationReviewSchema,
    ApplicationSchema,
    ApplicationSubmitSchema,
    WithdrawSchema,
)

blp = Blueprint("applications", __name__, url_prefix="/api/v1", description="网上申报与窗口预审")


def _count_attempt():
    """The attempt counts even when the request then fails (a wrong code, an invalid ID)."""
    services.guard_submissions(request.remote_addr)
    db.session.commit()


@blp.post("/public/applications")
@blp.arguments(ApplicationSubmitSchema)
@blp.response(201, ApplicationReceiptSchema)
@blp.alt_response(429, description="同一地址一小时内申报次数过多")
@transactional
def submit(payload):
    """网上申报（无需登录）：返回申报编号和查询码（8位随机码，仅此一次返回，请妥善保存）"""
    _count_attempt()
    return services.submit_application(payload)


def applicant_application(application_no: str, code: str):
    """The application for its applicant (number + query code, public lookup throttle); a failed attempt
    is committed so that it counts."""
    return failures_counted(authenticated_application, application_no, code, request.remote_addr)


@blp.post("/public/applications/<string:application_no>/resubmit")
@blp.arguments(ApplicationResubmitSchema)
@blp.response(200, ApplicationReceiptSchema)
@blp.alt_response(404, description="申报编号或查询码不正确")
@blp.alt_response(409, description="该申报不在待补正状态")
@blp.alt_response(429, description="同一地址一小时内申报次数过多，或查询码错误次数过多")
@transactional
def resubmit(payload, application_no):
    """预审要求补正后重新提交：补交材料，可修改申请表（无需登录，凭申报编号和查询码）；窗口重新预审"""
    _count_attempt()
    return services.resubmit_application(applicant_application(application_no, payload["code"]), payload)


@blp.post("/public/applications/<string:application_no>/withdraw")
@blp.arguments(WithdrawSchema)
@blp.response(200, ApplicationReceiptSchema)
@blp.alt_response(404, description="申报编号或查询码不正确")
@blp.alt_response(409, description="该申报已预审通过、不通过或已撤件")
@blp.alt_response(429, description="查询失败次数过多，请稍后再试")
@transactional
def withdraw(payload, application_no):
    """撤件：待预审或待补正的网上申报由申请人撤回（无需登录，凭申报编号和查询码），须说明理由"""
    application = applicant_application(application_no, payload["code"])
    return services.withdraw_application(application, payload["reason"])


@blp.get("/applications")
@blp.arguments(ApplicationQuerySchema, location="query")
@blp.response(200, ApplicationSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
def list_applications(args):
    """本综合窗口所属领域的网上申报（预审列表）"""
    return services.applications_for(current_user(), **args)


@blp.post("/applications/<int:application_id>/review")
@blp.arguments(ApplicationReviewSchema)
@blp.response(200, ApplicationSchema)
@blp.alt_response(403, description="不是该事项所属领域的综合窗口受理人员")
@blp.alt_response(409, description="该申报不在待预审状态")
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
@transactional
def review(payload, application_id):
    """预审：通过（按提交的材料转为受理）、一次性补正告知、不通过"""
    return services.review_application(current_user(), application_id, payload)
