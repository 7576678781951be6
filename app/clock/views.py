from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, login_required
from app.cases import queries
from app.transaction import transactional

from . import extension, pauses
from .schemas import ExtensionRequestSchema, ExtensionSchema, PauseEndSchema, PauseSchema, PauseStartSchema

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
