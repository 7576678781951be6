"""HTTP endpoints of case-level control: 催办, 挂起 / 激活, 终止 (services in app.cases.control)."""
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from app.accounts.auth import BEARER_SECURITY, current_user, roles_required
from app.transaction import transactional

from . import control
from .schemas import CaseSchema

blp = Blueprint("case_control", __name__, url_prefix="/api/v1/cases",
                description="办件管控：催办、挂起 / 激活、终止")


class UrgeSchema(Schema):
    message = fields.String(required=True, validate=validate.Length(min=1, max=500),
                            metadata={"description": "催办内容"})


class ReasonSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500),
                           metadata={"description": "理由（记入办理记录）"})


@blp.post("/<string:case_no>/urge")
@blp.arguments(UrgeSchema)
@blp.response(200, CaseSchema)
@blp.alt_response(409, description="办件已结束、没有待办任务，或一小时内已催办过")
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk", "supervisor")
@transactional
def urge(payload, case_no):
    """催办：本领域综合窗口或电子监察人员提醒当前环节的办理人员（每个办件每小时最多一次）"""
    return control.urge(current_user(), case_no, payload["message"])


@blp.post("/<string:case_no>/suspend")
@blp.arguments(ReasonSchema)
@blp.response(200, CaseSchema)
@blp.alt_response(409, description="办件已结束或已挂起")
@blp.doc(security=BEARER_SECURITY)
@roles_required("head")
@transactional
def suspend(payload, case_no):
    """挂起（实施部门负责人）：挂起期间不能办理、转办、退回或撤回任务，环节计时器不触发"""
    return control.suspend(current_user(), case_no, payload["reason"])


@blp.post("/<string:case_no>/resume")
@blp.arguments(ReasonSchema)
@blp.response(200, CaseSchema)
@blp.alt_response(409, description="办件已结束或未挂起")
@blp.doc(security=BEARER_SECURITY)
@roles_required("head")
@transactional
def resume(payload, case_no):
    """激活（实施部门负责人）：解除挂起"""
    return control.resume(current_user(), case_no, payload["reason"])


@blp.post("/<string:case_no>/terminate")
@blp.arguments(ReasonSchema)
@blp.response(200, CaseSchema)
@blp.alt_response(409, description="办件已结束")
@blp.doc(security=BEARER_SECURITY)
@roles_required("head")
@transactional
def terminate(payload, case_no):
    """终止（实施部门负责人，作出决定前）：撤销流程，取消全部待办任务，办件状态为“已终止”"""
    return control.terminate(current_user(), case_no, payload["reason"])
