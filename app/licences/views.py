from flask import request
from flask_smorest import Blueprint

from app.accounts.auth import (
    BEARER_SECURITY,
    current_user,
    login_required,
    roles_required,
)
from app.extensions import db
from app.progress.throttle import failures_counted
from app.transaction import transactional

from . import delivery as deliveries
from . import services
from .public import verify_public
from .schemas import (
    DeliverySchema,
    DeliveryUpdateSchema,
    LicenceQuerySchema,
    LicenceReasonSchema,
    LicenceSchema,
    VerificationSchema,
    VerifyQuerySchema,
)

blp = Blueprint("licences", __name__, url_prefix="/api/v1", description="电子证照与出件送达")


@blp.get("/licences")
@blp.arguments(LicenceQuerySchema, location="query")
@blp.response(200, LicenceSchema(many=True))
@blp.alt_response(404, description="办件不存在")
@blp.doc(security=BEARER_SECURITY)
@login_required
def list_licences(args):
    """办件的电子证照（可查看该办件的工作人员）"""
    return services.licences_of_case(current_user(), args["case_no"])


@blp.post("/licences/<int:licence_id>/revoke")
@blp.arguments(LicenceReasonSchema)
@blp.response(200, LicenceSchema)
@blp.alt_response(404, description="证照不存在")
@blp.alt_response(409, description="证照已撤销或注销")
@blp.doc(security=BEARER_SECURITY)
@roles_required("approver", "head")
@transactional
def revoke(payload, licence_id):
    """撤销电子证照（发证部门审批人/负责人），须说明理由"""
    return services.revoke_licence(current_user(), licence_id, payload["reason"])


@blp.post("/licences/<int:licence_id>/cancel")
@blp.arguments(LicenceReasonSchema)
@blp.response(200, LicenceSchema)
@blp.alt_response(404, description="证照不存在")
@blp.alt_response(409, description="证照已撤销或注销")
@blp.doc(security=BEARER_SECURITY)
@roles_required("approver", "head")
@transactional
def cancel(payload, licence_id):
    """注销电子证照（发证部门审批人/负责人），须说明理由"""
    return services.cancel_licence(current_user(), licence_id, payload["reason"])


@blp.get("/public/licences/verify")
@blp.arguments(VerifyQuerySchema, location="query")
@blp.response(200, VerificationSchema)
@blp.alt_response(404, description="未找到匹配的电子证照")
@blp.alt_response(429, description="查询失败次数过多，请稍后再试")
def verify(args):
    """电子证照公开核验（无需登录）：证照编号 + 核验码 → 状态、名称、持证主体（脱敏）、发证机关、有效期"""
    result = failures_counted(verify_public, args["number"], args["code"], request.remote_addr)
    db.session.commit()  # a success after failures is recorded (app.progress.throttle)
    return result


@blp.post("/cases/<string:case_no>/delivery")
@blp.arguments(DeliveryUpdateSchema)
@blp.response(200, DeliverySchema)
@blp.alt_response(404, description="办件不存在")
@blp.alt_response(409, description="不是邮寄送达的办件或寄递已结束")
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
@transactional
def update_delivery(payload, case_no):
    """登记邮寄送达的寄递状态：已投递 / 已签收 / 已退回"""
    return deliveries.update_delivery(current_user(), case_no, payload["status"], payload.get("note"))
