"""The exchange API: administrators configure subscribers and department clients (/api/v1/admin/exchange);
department systems obtain a client-credentials token (/api/exchange/oauth/token) and act through
/api/exchange/v1, scoped to their department and granted operations."""
from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, roles_required
from app.transaction import transactional

from . import clients, inbound, services
from .oauth import authorization, current_client, require_oauth
from .schemas import (
    ClientInSchema,
    ClientSchema,
    CountSchema,
    InboundCaseQuerySchema,
    InboundCompletionSchema,
    InboundFileSchema,
    InboundTaskSchema,
    InboundUploadQuerySchema,
    ReplaySchema,
    RetrySchema,
    SubscriberCreatedSchema,
    SubscriberInSchema,
    SubscriberSchema,
    SubscriberUpdateSchema,
)

OAUTH_SECURITY = "exchangeOAuth"

admin_blp = Blueprint("exchange_admin", __name__, url_prefix="/api/v1/admin/exchange",
                      description="互联互通：订阅方（消息队列、Webhook）、投递监控、重试与重放、部门系统客户端")
blp = Blueprint("exchange", __name__, url_prefix="/api/exchange",
                description="互联互通：部门自建系统（OAuth2 客户端凭证）查阅本部门办件、办理任务、上传电子材料")


def _with_stats(subscriber, stats):
    subscriber.stats = stats.get(subscriber.id, {})
    return subscriber


@admin_blp.get("/subscribers")
@admin_blp.response(200, SubscriberSchema(many=True))
@admin_blp.doc(security=BEARER_SECURITY)
@roles_required("admin")
def list_subscribers():
    """订阅方及其滞后、失败与死信数量"""
    stats = services.subscriber_stats()
    return [_with_stats(s, stats) for s in services.subscribers()]


@admin_blp.post("/subscribers")
@admin_blp.arguments(SubscriberInSchema)
@admin_blp.response(201, SubscriberCreatedSchema)
@admin_blp.doc(security=BEARER_SECURITY)
@roles_required("admin")
@transactional
def create_subscriber(payload):
    """新增订阅方（webhook 未给密钥时生成一个，仅此一次返回）"""
    return services.create_subscriber(current_user(), **payload)


@admin_blp.patch("/subscribers/<int:subscriber_id>")
@admin_blp.arguments(SubscriberUpdateSchema)
@admin_blp.response(200, SubscriberSchema)
@admin_blp.doc(security=BEARER_SECURITY)
@roles_required("admin")
@transactional
def update_subscriber(payload, subscriber_id):
    """修改订阅方（停用、地址、个人信息约定、重试策略）"""
    return services.update_subscriber(current_user(), subscriber_id, **payload)


@admin_blp.post("/subscribers/<int:subscriber_id>/retry")
@admin_blp.arguments(RetrySchema)
@admin_blp.response(200, CountSchema)
@admin_blp.doc(security=BEARER_SECURITY)
@roles_required("admin")
@transactional
def retry(payload, subscriber_id):
    """重试死信（全部或指定一条）"""
    return {"count": services.retry_dead(current_user(), subscriber_id, payload.get("delivery_id"))}


@admin_blp.post("/subscribers/<int:subscriber_id>/replay")
@admin_blp.arguments(ReplaySchema)
@admin_blp.response(200, CountSchema)
@admin_blp.doc(security=BEARER_SECURITY)
@roles_required("admin")
@transactional
def replay(payload, subscriber_id):
    """从指定时间起重放事件（幂等键不变，接收方据此去重）"""
    return {"count": services.replay(current_user(), subscriber_id, payload["since"])}


@admin_blp.get("/clients")
@admin_blp.response(200, ClientSchema(many=True))
@admin_blp.doc(security=BEARER_SECURITY)
@roles_required("admin")
def list_clients():
    """部门自建系统客户端"""
    return clients.all_clients()


@admin_blp.post("/clients")
@admin_blp.arguments(ClientInSchema)
@admin_blp.response(201, ClientSchema)
@admin_blp.doc(security=BEARER_SECURITY)
@roles_required("admin")
@transactional
def create_client(payload):
    """登记部门自建系统：所属部门与授权的操作；密钥仅此一次返回"""
    client, secret = clients.create_client(current_user(), **payload)
    client.client_secret = secret
    return client


# --- inbound: department systems -------------------------------------------------------------------
@blp.post("/oauth/token")
@blp.doc(
    requestBody={"required": True, "content": {"application/x-www-form-urlencoded": {"schema": {
        "type": "object", "required": ["grant_type"],
        "properties": {"grant_type": {"type": "string", "enum": ["client_credentials"]},
                       "scope": {"type": "string", "description": "空格分隔，如 cases:read tasks:complete"},
                       "client_id": {"type": "string"}, "client_secret": {"type": "string"}}}}}},
    responses={"200": {"description": "access_token、token_type (Bearer)、expires_in、scope"},
               "400": {"description": "invalid_request / unsupported_grant_type / invalid_scope"},
               "401": {"description": "invalid_client"}})
@transactional
def token():
    """OAuth2 客户端凭证：以 client_id 与 client_secret（HTTP Basic 或表单）换取访问令牌"""
    return authorization.create_token_response()


@blp.get("/v1/cases")
@require_oauth("cases:read")
@blp.arguments(InboundCaseQuerySchema, location="query")
@blp.doc(security=[{OAUTH_SECURITY: ["cases:read"]}])
def inbound_cases(args):
    """本部门的办件（个人信息按客户端约定脱敏）"""
    return {"cases": inbound.department_cases(current_client(), args.get("status"))}


@blp.get("/v1/cases/<string:case_no>")
@blp.alt_response(404, description="办件不存在或不属于本部门")
@blp.doc(security=[{OAUTH_SECURITY: ["cases:read"]}])
@require_oauth("cases:read")
@transactional
def inbound_case(case_no):
    """一个办件及其办理过程（GB/T 39046 办件信息）；本次查阅记入办件历史"""
    return inbound.read_case(current_client(), case_no)


@blp.get("/v1/tasks")
@require_oauth("tasks:complete")
@blp.response(200, InboundTaskSchema(many=True))
@blp.doc(security=[{OAUTH_SECURITY: ["tasks:complete"]}])
def inbound_tasks():
    """本部门待办的后台审批任务"""
    return inbound.department_tasks(current_client())


@blp.post("/v1/tasks/<string:task_id>/complete")
@require_oauth("tasks:complete")
@blp.arguments(InboundCompletionSchema)
@blp.response(200, InboundTaskSchema)
@blp.alt_response(404, description="任务不存在或不属于本部门")
@blp.doc(security=[{OAUTH_SECURITY: ["tasks:complete"]}])
@transactional
def inbound_complete(payload, task_id):
    """代本部门工作人员办理任务（通过 / 不予许可 / 退回，附审批意见）；历史记为“系统（代 某人）”"""
    return inbound.complete_department_task(current_client(), task_id, payload)


@blp.post("/v1/cases/<string:case_no>/materials/<string:code>/files")
@require_oauth("materials:attach")
@blp.arguments(InboundUploadQuerySchema, location="query")
@blp.response(201, InboundFileSchema)
@blp.doc(security=[{OAUTH_SECURITY: ["materials:attach"]}], requestBody={"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"],
                                       "properties": {"file": {"type": "string", "format": "binary"}}}}}})
@transactional
def inbound_upload(args, case_no, code):
    """代本部门工作人员上传电子材料（PDF、JPEG、PNG、OFD）"""
    return inbound.attach_material(current_client(), case_no, code, args["on_behalf_of"])
