from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, roles_required
from app.transaction import transactional

from . import services
from .schemas import BpmnUploadSchema, DefinitionSchema, DefinitionSourceSchema, DeployedSchema, ValidationResultSchema

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
@blp.response(201, DeployedSchema(many=True))
@blp.alt_response(403, description="仅流程设计人员和管理员可部署")
@blp.alt_response(409, description="他人同时部署了同一流程，请重试")
@blp.alt_response(422, description="校验未通过：errors.json.bpmn_xml 为问题描述，errors.problems 为逐元素问题列表")
@blp.doc(security=BEARER_SECURITY)
@roles_required("designer")
@transactional
def deploy(payload):
    """部署 BPMN 文件：内容有变化时产生新版本（新办件使用新版本，在办件沿用原版本）"""
    return services.deploy_upload(payload["bpmn_xml"], payload["file_name"], current_user())
