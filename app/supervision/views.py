from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, login_required, roles_required
from app.cases import lifecycle
from app.transaction import transactional

from app.network.scope import requested_region, user_scope

from . import cards, services
from .network_statistics import network_statistics
from .schemas import (
    AppealDecisionSchema,
    AppealSchema,
    CardQuerySchema,
    CardSchema,
    DepartmentStatisticsSchema,
    RecomputeResultSchema,
    StatisticsQuerySchema,
    SupervisedCaseQuerySchema,
    SupervisedCaseSchema,
)

blp = Blueprint("supervision", __name__, url_prefix="/api/v1/supervision",
                description="电子监察：预警、黄牌、红牌、申诉与统计")


@blp.get("/cases")
@blp.arguments(SupervisedCaseQuerySchema, location="query")
@blp.response(200, SupervisedCaseSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@roles_required("supervisor")
def supervised_cases(args):
    """预警、黄牌、红牌办件（等级取自最近一次监察计算，剩余工作日为实时计算）"""
    return services.supervised_cases(lifecycle.local_now().date(), region=user_scope(current_user()), **args)


@blp.post("/recompute")
@blp.response(200, RecomputeResultSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("supervisor")
@transactional
def recompute():
    """立即重新计算全部在办办件的监察等级并发牌（调度任务也定时执行同一计算）"""
    return services.recompute_levels(lifecycle.now_utc())


@blp.get("/cards")
@blp.arguments(CardQuerySchema, location="query")
@blp.response(200, CardSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@login_required
def list_cards(args):
    """监察牌列表（电子监察人员看全部，部门工作人员看本部门）"""
    return cards.visible_cards(current_user(), **args)


@blp.post("/cards/<int:card_id>/appeal")
@blp.arguments(AppealSchema)
@blp.response(200, CardSchema)
@blp.alt_response(403, description="不是被发牌部门的负责人或审批人")
@blp.alt_response(409, description="已申诉或已处理")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def appeal(payload, card_id):
    """部门申诉：被发牌部门的负责人或审批人说明理由"""
    return cards.appeal_card(current_user(), card_id, payload)


@blp.post("/cards/<int:card_id>/decision")
@blp.arguments(AppealDecisionSchema)
@blp.response(200, CardSchema)
@blp.alt_response(409, description="该牌不在申诉中")
@blp.doc(security=BEARER_SECURITY)
@roles_required("supervisor")
@transactional
def decide(payload, card_id):
    """申诉处理：维持、撤销（牌作废）或维持并督办"""
    return cards.decide_appeal(current_user(), card_id, payload)


@blp.get("/statistics")
@blp.arguments(StatisticsQuerySchema, location="query")
@blp.response(200, DepartmentStatisticsSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@roles_required("supervisor")
def department_statistics(args):
    """按区划、中心、部门、窗口或人员统计：收件、代收、受理、办结、按时办结率、超期件数、平均用时（工作日）。
    区县监察人员只能统计本区县（region 超出管辖区域为 403）"""
    region = requested_region(current_user(), args.get("region"))
    return network_statistics(args["date_from"], args["date_to"], lifecycle.local_now().date(),
                              args["group_by"], region)
