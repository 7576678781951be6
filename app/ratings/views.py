from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, roles_required
from app.network.scope import user_scope
from app.progress.views import authenticated_case_or_404
from app.transaction import transactional

from . import services
from .schemas import (
    PublicRatingReceiptSchema,
    PublicRatingSchema,
    RatingAppealDecisionSchema,
    RatingAppealSchema,
    RatingQuerySchema,
    RatingSchema,
    RatingStatisticsQuerySchema,
    RatingStatisticsSchema,
    WindowRatingSchema,
    RectificationReviewSchema,
    RectificationSchema,
)

blp = Blueprint("ratings", __name__, url_prefix="/api/v1", description="好差评：评价、回访整改、申诉复核与统计")
DEPARTMENT_ROLES = ("handler", "reviewer", "approver", "head", "supervisor")


@blp.post("/public/ratings")
@blp.arguments(PublicRatingSchema)
@blp.response(201, PublicRatingReceiptSchema)
@blp.alt_response(404, description="未找到匹配的办件")
@blp.alt_response(409, description="尚未受理或该渠道已评价")
@blp.alt_response(429, description="查询失败次数过多，请稍后再试")
@transactional
def rate(payload):
    """申请人评价（无需登录，以办件编号 + 受理通知书上的查询码确认身份）：一事一评，每个渠道一次；网上渠道须评价国家网上评价指标"""
    case = authenticated_case_or_404(payload["case_no"], payload["code"])
    return services.submit_rating(None, case, payload["channel"], payload["grade"], payload.get("text"),
                                  payload.get("indicators"))


@blp.post("/cases/<string:case_no>/ratings")
@blp.arguments(WindowRatingSchema)
@blp.response(201, RatingSchema)
@blp.alt_response(404, description="办件不存在")
@blp.alt_response(409, description="尚未受理或窗口渠道已评价")
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
@transactional
def rate_at_window(payload, case_no):
    """窗口评价器录入（一次一评）：申请人在窗口评价器上的评价（含现场评价指标），由窗口受理人员代为登记"""
    return services.submit_window_rating(current_user(), case_no, payload["grade"], payload.get("text"),
                                         payload.get("indicators"))


@blp.get("/ratings")
@blp.arguments(RatingQuerySchema, location="query")
@blp.response(200, RatingSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@roles_required(*DEPARTMENT_ROLES)
def list_ratings(args):
    """评价列表（部门：本部门的评价；电子监察：全部）"""
    return services.ratings_for(current_user(), **args)


@blp.post("/ratings/<int:rating_id>/rectification")
@blp.arguments(RectificationSchema)
@blp.response(200, RatingSchema)
@blp.alt_response(404, description="评价不存在")
@blp.alt_response(409, description="没有待整改的回访")
@blp.doc(security=BEARER_SECURITY)
@roles_required("approver", "head")
@transactional
def rectification(payload, rating_id):
    """差评回访整改：被评价部门填写整改情况并办结"""
    return services.rectify(current_user(), rating_id, payload["note"])


@blp.post("/ratings/<int:rating_id>/rectification-review")
@blp.arguments(RectificationReviewSchema)
@blp.response(200, RatingSchema)
@blp.alt_response(404, description="评价不存在")
@blp.alt_response(409, description="没有待复核的整改")
@blp.doc(security=BEARER_SECURITY)
@roles_required("supervisor")
@transactional
def rectification_review(payload, rating_id):
    """差评整改复核（电子监察）：整改通过，或退回部门重新整改（须说明理由）"""
    return services.review_rectification(current_user(), rating_id, payload["decision"], payload.get("note"))


@blp.post("/ratings/<int:rating_id>/appeal")
@blp.arguments(RatingAppealSchema)
@blp.response(200, RatingSchema)
@blp.alt_response(404, description="评价不存在")
@blp.alt_response(409, description="不能申诉")
@blp.doc(security=BEARER_SECURITY)
@roles_required("approver", "head")
@transactional
def appeal(payload, rating_id):
    """差评申诉：被评价部门认为评价系误评或恶意评价"""
    return services.appeal(current_user(), rating_id, payload["reason"])


@blp.post("/ratings/<int:rating_id>/appeal-decision")
@blp.arguments(RatingAppealDecisionSchema)
@blp.response(200, RatingSchema)
@blp.alt_response(404, description="评价不存在")
@blp.alt_response(409, description="没有待复核的申诉")
@blp.doc(security=BEARER_SECURITY)
@roles_required("supervisor")
@transactional
def appeal_decision(payload, rating_id):
    """申诉复核（电子监察）：成立则该评价不计入统计"""
    return services.decide_appeal(current_user(), rating_id, payload["decision"], payload.get("note"))


@blp.get("/ratings/statistics")
@blp.arguments(RatingStatisticsQuerySchema, location="query")
@blp.response(200, RatingStatisticsSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("supervisor")
def statistics(args):
    """好差评统计：按部门、按事项的评价数、满意率、差评数、已整改数与各评价指标平均分"""
    return services.statistics(args.get("date_from"), args.get("date_to"), user_scope(current_user()))
