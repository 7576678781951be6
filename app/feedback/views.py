from flask import request
from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, roles_required
from app.progress.views import authenticated_case_or_404
from app.progress.throttle import failures_counted
from app.transaction import transactional

from . import handling, submission
from .schemas import (
    AcceptSchema,
    DraftSchema,
    FaqEntrySchema,
    FaqQuerySchema,
    FeedbackDetailSchema,
    FeedbackQuerySchema,
    FeedbackReceiptSchema,
    FeedbackSubmissionSchema,
    FeedbackSummarySchema,
    FeedbackTrackQuerySchema,
    PublicFeedbackSchema,
    SignOffSchema,
    SupervisionFeedbackSchema,
    VisitSchema,
)

blp = Blueprint("feedback", __name__, url_prefix="/api/v1", description="咨询与投诉举报：提交、查询、受理转办、答复、回访")
#: the desk (电子监察) and the departments' staff; each step checks the BPMN's candidate groups
HANDLING_ROLES = ("supervisor", "handler", "reviewer", "approver", "head")


@blp.post("/public/feedback")
@blp.arguments(FeedbackSubmissionSchema)
@blp.response(201, FeedbackReceiptSchema)
@blp.alt_response(404, description="关于办件的：未找到匹配的办件")
@blp.alt_response(429, description="查询失败次数过多，或同一网络地址提交过于频繁（PUBLIC_FEEDBACK_SUBMISSIONS）")
@transactional
def submit(payload):
    """提交咨询或投诉举报（无需登录）：关于事项、窗口、部门或办件（办件编号 + 查询码）；回执含受理编号和查询码"""
    case = None
    if payload["subject_kind"] == "case" and payload.get("case_no") and payload.get("case_code"):
        case = authenticated_case_or_404(payload["case_no"], payload["case_code"])
    record, code = submission.submit(payload, case, request.remote_addr)
    return {"number": record.number, "code": code, "kind": record.kind, "state": record.state,
            "deadline": record.deadline}


@blp.post("/public/feedback/track")
@blp.arguments(FeedbackTrackQuerySchema)
@blp.response(200, PublicFeedbackSchema)
@blp.alt_response(404, description="未找到匹配的记录")
@blp.alt_response(429, description="查询失败次数过多，请稍后再试")
def track(args):
    """查询咨询投诉办理情况：受理编号 + 查询码 → 状态、环节与日期、答复（查询码在请求体中，不进入网址）"""
    record = failures_counted(submission.authenticate, args["number"], args["code"], request.remote_addr)
    return submission.public_view(record)


@blp.get("/public/feedback/faq")
@blp.arguments(FaqQuerySchema, location="query")
@blp.response(200, FaqEntrySchema(many=True))
def faq(args):
    """常见问题：已公开的咨询答复（可按事项）"""
    return submission.faq(args.get("item"))


@blp.get("/feedback")
@blp.arguments(FeedbackQuerySchema, location="query")
@blp.response(200, FeedbackSummarySchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@roles_required(*HANDLING_ROLES)
def list_records(args):
    """咨询投诉列表（电子监察：本区域全部；部门：转办给本部门的），按答复期限排序"""
    return handling.records_for(current_user(), **args)


@blp.get("/feedback/<string:number>")
@blp.response(200, FeedbackDetailSchema)
@blp.alt_response(404, description="记录不存在或不在本人办理范围内")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*HANDLING_ROLES)
def get_record(number):
    """咨询投诉详情（办理人员可见联系人信息）"""
    return handling.record_for(current_user(), number)


def _step_endpoint(step: str, schema, summary: str):
    @blp.arguments(schema)
    @blp.response(200, FeedbackDetailSchema)
    @blp.alt_response(403, description="不是该环节的办理人")
    @blp.alt_response(404, description="记录不存在或不在本人办理范围内")
    @blp.alt_response(409, description="记录不在该环节")
    @blp.doc(security=BEARER_SECURITY, summary=summary)
    @roles_required(*HANDLING_ROLES)
    @transactional
    def view(payload, number):
        return handling.act(current_user(), number, step, payload)

    view.__name__ = f"feedback_{step}"
    view.__doc__ = summary
    return view


blp.route("/feedback/<string:number>/accept", methods=["POST"])(
    _step_endpoint("accept", AcceptSchema, "受理：转办至责任部门或不予受理（电子监察）"))
blp.route("/feedback/<string:number>/draft", methods=["POST"])(
    _step_endpoint("draft", DraftSchema, "答复拟稿或退回（责任部门承办人）"))
blp.route("/feedback/<string:number>/sign-off", methods=["POST"])(
    _step_endpoint("sign_off", SignOffSchema, "答复签发或退回重拟（责任部门审批人、负责人；非拟稿人）"))
blp.route("/feedback/<string:number>/visit", methods=["POST"])(
    _step_endpoint("visit", VisitSchema, "回访：记录满意度并办结（电子监察）"))


@blp.get("/supervision/feedback")
@blp.arguments(FeedbackQuerySchema, location="query")
@blp.response(200, SupervisionFeedbackSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@roles_required("supervisor")
def supervision(args):
    """电子监察：咨询投诉的答复期限（正常 / 临期 / 超期，colour 过滤未答复的）"""
    return handling.records_for(current_user(), **args)
