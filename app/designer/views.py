from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, roles_required
from app.transaction import transactional

from . import drafts, services
from .schemas import (
    BpmnUploadSchema, DefinitionSchema, DefinitionSourceSchema, ProcessDraftSchema, ValidationResultSchema,
)

blp = Blueprint("process_definitions", __name__, url_prefix="/api/v1/process-definitions",
                description="流程设计：流程定义的版本、校验与部署（流程设计人员）")

#: roles that may read definitions; deploying and validating is for designers (and admins)
READERS = ("designer", "supervisor")


@blp.get("")
@blp.response(200, DefinitionSchema(many=True))
@blp.alt_response(403, description="仅流程设计、电子监察人员和管理员可查看")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*READERS)
def list_definitions():
    """流程定义列表：按流程分组，每个流程最新版本在前，含全部历史版本"""
    return services.list_definitions()


@blp.get("/<string:process_key>/versions/<int:version>")
@blp.response(200, DefinitionSourceSchema)
@blp.alt_response(403, description="仅流程设计、电子监察人员和管理员可查看")
@blp.alt_response(404, description="流程或版本不存在")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*READERS)
def get_version(process_key, version):
    """某一版本的元数据与 BPMN XML（在建模器中打开）"""
    return services.definition_source(process_key, version)


@blp.post("/validate")
@blp.arguments(BpmnUploadSchema)
@blp.response(200, ValidationResultSchema)
@blp.alt_response(403, description="仅流程设计人员和管理员可校验")
@blp.doc(security=BEARER_SECURITY)
@roles_required("designer")
def validate(payload):
    """校验 BPMN 文件（不部署）：逐元素列出问题，供建模器高亮"""
    problems = services.validate_upload(payload["bpmn_xml"], payload["file_name"])
    return {"valid": not problems, "problems": problems}


@blp.post("")
@blp.arguments(BpmnUploadSchema)
@blp.response(202, ProcessDraftSchema)
@blp.alt_response(403, description="仅流程设计人员可提交")
@blp.alt_response(409, description="该流程已有审核中的版本")
@blp.alt_response(422, description="校验未通过：errors.json.bpmn_xml 为问题描述，errors.problems 为逐元素问题列表")
@blp.doc(security=BEARER_SECURITY)
@roles_required("designer")
@transactional
def deploy(payload):
    """提交 BPMN 文件部署：保存为该流程的草稿并提交审核（状态 in_review）；行政审批局审核人在流程设计的
    “待审核”页面审核通过后才部署为新版本（四眼原则：提交人不能审核自己的版本）"""
    return drafts.submit_file(payload["file_name"], payload["bpmn_xml"], "通过接口提交", current_user())
