from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, login_required
from app.cases import queries
from app.transaction import transactional

from . import extension, extension_requests, pauses
from .schemas import (
    ExtensionDecisionSchema,
    ExtensionRequestRecordSchema,
    ExtensionRequestSchema,
    ExtensionSchema,
    PauseEndSchema,
    PauseSchema,
    PauseStartSchema,
)

blp = Blueprint("clock", __name__, url_prefix="/api/v1/cases",
                description="办理时限：暂停计时（补正、特别程序）与延长审批")


@blp.get("/<string:case_no>/pauses")
@blp.response(200, PauseSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@login_required
def list_pauses(case_no):
    """办件的暂停计时记录"""
    return pauses.case_pauses(queries.case_for(current_user(), case_no))


@blp.post("/<string:case_no>/pauses")
@blp.arguments(PauseStartSchema)
@blp.response(201, PauseSchema)
@blp.alt_response(403, description="不是当前办理该办件的部门工作人员")
@blp.alt_response(409, description="办件未受理、已决定或已在暂停中")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def start_pause(payload, case_no):
    """暂停计时：受理后补正或特别程序（听证、检验检测、专家评审、公示、现场勘验等），须说明理由"""
    return pauses.start_pause(current_user(), case_no, payload)


@blp.post("/<string:case_no>/pauses/<int:pause_id>/end")
@blp.arguments(PauseEndSchema)
@blp.response(200, PauseSchema)
@blp.alt_response(403, description="不是当前办理该办件的部门工作人员")
@blp.alt_response(409, description="该暂停已结束")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def end_pause(payload, case_no, pause_id):
    """结束暂停、恢复计时：承诺期限和法定期限按暂停的工作日顺延"""
    return pauses.end_pause(current_user(), case_no, pause_id, payload)


@blp.post("/<string:case_no>/extension")
@blp.arguments(ExtensionRequestSchema)
@blp.response(201, ExtensionSchema)
@blp.alt_response(403, description="不是牵头部门的审批人或负责人")
@blp.alt_response(409, description="已延长过一次，或办件已作出决定")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def extend(payload, case_no):
    """延长审批（每件一次）：一般事项最多10个工作日，并联审批最多15个工作日，须说明理由"""
    return extension.extend_case(current_user(), case_no, payload)


@blp.get("/<string:case_no>/extension-requests")
@blp.response(200, ExtensionRequestRecordSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@login_required
def list_extension_requests(case_no):
    """办件的延长审批申请"""
    return extension_requests.case_requests(queries.case_for(current_user(), case_no))


@blp.post("/<string:case_no>/extension-requests")
@blp.arguments(ExtensionRequestSchema)
@blp.response(201, ExtensionRequestRecordSchema)
@blp.alt_response(403, description="不是当前办理该办件的部门工作人员")
@blp.alt_response(409, description="已延长过、已有待批准的申请，或办件已作出决定")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def request_extension(payload, case_no):
    """申请延长审批：办理部门工作人员提出天数和理由，由牵头部门审批人（首席代表）或负责人批准"""
    return extension_requests.request_extension(current_user(), case_no, payload)


@blp.post("/<string:case_no>/extension-requests/<int:request_id>/decision")
@blp.arguments(ExtensionDecisionSchema)
@blp.response(200, ExtensionRequestRecordSchema)
@blp.alt_response(403, description="不是牵头部门的审批人或负责人，或是申请人本人")
@blp.alt_response(409, description="申请已处理，或办件已延长过")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def decide_extension_request(payload, case_no, request_id):
    """批准或不予批准延长审批申请（批准即按申请的天数延长，每件一次；不予批准须说明理由）"""
    return extension_requests.decide_extension_request(current_user(), case_no, request_id, payload)
