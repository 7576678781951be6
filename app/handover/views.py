from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, login_required, roles_required
from app.transaction import transactional

from . import services
from .schemas import HandoverCreateSchema, HandoverQuerySchema, HandoverSchema, HandoverSignSchema

blp = Blueprint(
    "handovers", __name__, url_prefix="/api/v1", description="材料交接签收：窗口向承办部门移交纸质材料"
)


@blp.post("/cases/<string:case_no>/handovers")
@blp.arguments(HandoverCreateSchema)
@blp.response(201, HandoverSchema)
@blp.alt_response(403, description="不是该事项所属领域的综合窗口受理人员")
@blp.alt_response(409, description="办件未受理，或材料已移交该部门")
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
@transactional
def create_handover(payload, case_no):
    """窗口向承办部门移交已收取的纸质材料（每个办件每个部门一次）"""
    return services.hand_over(current_user(), case_no, payload)


@blp.post("/handovers/<int:handover_id>/sign")
@blp.arguments(HandoverSignSchema)
@blp.response(200, HandoverSchema)
@blp.alt_response(403, description="不是接收部门的工作人员")
@blp.alt_response(409, description="已签收")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def sign_handover(payload, handover_id):
    """接收部门工作人员签收移交的材料"""
    return services.sign_handover(current_user(), handover_id, payload)


@blp.get("/handovers")
@blp.arguments(HandoverQuerySchema, location="query")
@blp.response(200, HandoverSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@login_required
def list_handovers(args):
    """材料交接单：窗口看本领域的，部门看移交本部门的；移交超过一天未签收的标记 overdue"""
    return services.visible_handovers(current_user(), **args)
