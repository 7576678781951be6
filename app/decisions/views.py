"""Decision tables API (决策表): versions, test, submit, review and deploy.

Editors are designers; reviewers are approvers and heads of the review authority in rules/decisions.toml (the
行政审批局), never the version's editor or submitter; supervisors read."""
from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, roles_required
from app.transaction import transactional

from . import services
from .contracts import REVIEWER_ROLES
from .schemas import (
    DecisionSourceSchema,
    DecisionSummarySchema,
    DecisionVersionSchema,
    DecisionDraftSchema,
    NewDecisionDraftSchema,
    DecisionRejectSchema,
    DecisionSubmitSchema,
    DecisionTestResultSchema,
    DecisionTestSchema,
)

EDITORS = ("designer",)
READERS = EDITORS + REVIEWER_ROLES + ("supervisor",)
VERSION = "/<string:key>/versions/<int:number>"

blp = Blueprint("decisions", __name__, url_prefix="/api/v1/decisions",
                description="决策表（DMN）：草稿→待审核→已部署；测试、审核（编制人不能审核）、回滚。")


@blp.get("")
@blp.response(200, DecisionSummarySchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@roles_required(*READERS)
def list_decisions():
    """全部决策表及其已部署版本、未部署的草稿或待审核版本"""
    return services.decisions()


@blp.get("/<string:key>/versions")
@blp.response(200, DecisionVersionSchema(many=True))
@blp.alt_response(404, description="决策不存在")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*READERS)
def list_versions(key):
    """决策的全部版本（新的在前）：谁、何时、为什么"""
    return services.versions_of(key)


@blp.post("/<string:key>/versions")
@blp.arguments(NewDecisionDraftSchema)
@blp.response(201, DecisionSourceSchema)
@blp.alt_response(409, description="已有草稿或待审核版本")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*EDITORS)
@transactional
def create_draft(args, key):
    """新建草稿：从已部署版本复制，或给出 based_on 回滚到旧版本（作为新草稿，仍须审核后部署）。编制人：designer"""
    return services.new_draft(key, current_user().username, args["based_on"])


@blp.get(VERSION)
@blp.response(200, DecisionSourceSchema)
@blp.alt_response(404, description="版本不存在")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*READERS)
def get_version(key, number):
    """某一版本及其 DMN 内容"""
    return services.version_of(key, number)


@blp.put(VERSION)
@blp.arguments(DecisionDraftSchema)
@blp.response(200, DecisionSourceSchema)
@blp.alt_response(409, description="只有草稿可以修改")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*EDITORS)
@transactional
def save_draft(args, key, number):
    """保存草稿的 DMN（引擎不能解析时 422 指明 dmn_xml 或列）。编制人：designer"""
    return services.update_draft(key, number, args["dmn_xml"], current_user().username, args["note"])


@blp.post(VERSION + "/test")
@blp.arguments(DecisionTestSchema)
@blp.response(200, DecisionTestResultSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required(*READERS)
def test_version(args, key, number):
    """用输入值测试某一版本（草稿可带未保存的 dmn_xml），由流程使用的同一引擎求值；缺少或错误的输入 422 指明 inputs.<名称>"""
    return services.test(key, number, args["inputs"], args["dmn_xml"])


@blp.post(VERSION + "/submit")
@blp.arguments(DecisionSubmitSchema)
@blp.response(200, DecisionVersionSchema)
@blp.alt_response(409, description="不是草稿")
@blp.alt_response(422, description="会破坏流程依赖的输入或输出列（指明列）")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*EDITORS)
@transactional
def submit_version(args, key, number):
    """提交审核（说明为什么改）。编制人：designer"""
    return services.submit(key, number, current_user().username, args["note"])


@blp.post(VERSION + "/approve")
@blp.response(200, DecisionVersionSchema)
@blp.alt_response(403, description="编制人或提交人不能审核；只有审核机关的审批人/负责人可以审核")
@blp.alt_response(409, description="不是待审核版本")
@blp.alt_response(422, description="会破坏流程依赖的输入或输出列（指明列）")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*REVIEWER_ROLES)
@transactional
def approve_version(key, number):
    """审核通过并部署：此后流程中的业务规则任务按此版本求值，原部署版本变为已被替代"""
    return services.approve(key, number, current_user())


@blp.post(VERSION + "/reject")
@blp.arguments(DecisionRejectSchema)
@blp.response(200, DecisionVersionSchema)
@blp.alt_response(403, description="编制人或提交人不能审核")
@blp.alt_response(409, description="不是待审核版本")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*REVIEWER_ROLES)
@transactional
def reject_version(args, key, number):
    """审核退回（说明理由），版本回到草稿"""
    return services.reject(key, number, current_user(), args["reason"])
