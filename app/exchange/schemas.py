"""Request and response schemas of the exchange API (admin configuration and the inbound department API)."""
from marshmallow import Schema, fields, validate

from app.schema_fields import WholeNumber

from .models import CLIENT_SCOPES, PERSONAL_DATA, SUBSCRIBER_KINDS
from .transports import display_url


class SubscriberInSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    kind = fields.String(required=True, validate=validate.OneOf(SUBSCRIBER_KINDS))
    url = fields.String(required=True, validate=validate.Length(min=8, max=500))
    amqp_exchange = fields.String(load_default=None, validate=validate.Length(max=100))
    secret = fields.String(load_default=None, validate=validate.Length(min=16, max=200))
    personal_data = fields.String(load_default="masked", validate=validate.OneOf(PERSONAL_DATA))
    topics = fields.List(fields.String(validate=validate.Length(min=1, max=40)), load_default=list,
                         validate=validate.Length(max=50))
    max_attempts = WholeNumber(load_default=8, validate=validate.Range(min=1, max=100))
    retry_base_seconds = fields.Float(load_default=2.0, validate=validate.Range(min=0.01, max=3600))
    retry_max_seconds = fields.Float(load_default=600.0, validate=validate.Range(min=0.01, max=86400))
    timeout_seconds = fields.Float(load_default=10.0, validate=validate.Range(min=0.1, max=120))
    active = fields.Boolean(load_default=True)


class SubscriberUpdateSchema(SubscriberInSchema):
    class Meta:
        partial = True


class SubscriberSchema(Schema):
    id = WholeNumber()
    name = fields.String()
    kind = fields.String()
    url = fields.Function(lambda s: display_url(s.url), metadata={"description": "地址（不含密码）"})
    amqp_exchange = fields.String(allow_none=True)
    personal_data = fields.String()
    topics = fields.List(fields.String())
    max_attempts = WholeNumber()
    retry_base_seconds = fields.Float()
    retry_max_seconds = fields.Float()
    timeout_seconds = fields.Float()
    active = fields.Boolean()
    stats = fields.Dict(dump_default=dict)


class SubscriberCreatedSchema(SubscriberSchema):
    secret = fields.String(allow_none=True, metadata={"description": "webhook 签名密钥（仅在创建时返回）"})


class ReplaySchema(Schema):
    since = fields.AwareDateTime(required=True, metadata={"description": "从该时间（含）起发生的事件重新投递"})


class RetrySchema(Schema):
    delivery_id = WholeNumber(load_default=None)


class CountSchema(Schema):
    count = WholeNumber()


class ClientInSchema(Schema):
    client_id = fields.String(required=True, validate=[validate.Length(max=80),
                                                       validate.Regexp(r"^[A-Za-z0-9_.-]{3,80}$")])
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    department_code = fields.String(required=True, validate=validate.Length(min=1, max=40))
    scopes = fields.List(fields.String(validate=validate.OneOf(CLIENT_SCOPES)), required=True,
                         validate=validate.Length(min=1, max=len(CLIENT_SCOPES)))
    personal_data = fields.String(load_default="masked", validate=validate.OneOf(PERSONAL_DATA))


class ClientSchema(Schema):
    id = WholeNumber()
    client_id = fields.String()
    name = fields.String()
    department_code = fields.String(attribute="department.code")
    scopes = fields.List(fields.String())
    personal_data = fields.String()
    active = fields.Boolean()
    client_secret = fields.String(metadata={"description": "客户端密钥（仅在创建时返回一次）"})


class InboundCaseQuerySchema(Schema):
    status = fields.String(load_default=None, validate=validate.Length(max=20))


class InboundCompletionSchema(Schema):
    decision = fields.String(required=True, validate=validate.Length(min=1, max=20))
    opinion = fields.String(load_default=None, validate=validate.Length(max=2000))
    on_behalf_of = fields.String(required=True, validate=validate.Length(min=1, max=80),
                                 metadata={"description": "代为办理的本部门工作人员（用户名）"})


class InboundUploadQuerySchema(Schema):
    on_behalf_of = fields.String(required=True, validate=validate.Length(min=1, max=80),
                                 metadata={"description": "上传材料的本部门工作人员（用户名）"})


class InboundTaskSchema(Schema):
    id = fields.String()
    case_no = fields.String(attribute="case.case_no")
    step = fields.String()
    name = fields.String()
    department_code = fields.String()
    allowed_decisions = fields.List(fields.String())
    created_at = fields.DateTime()


class InboundFileSchema(Schema):
    id = WholeNumber()
    material_code = fields.String()
    material_name = fields.String()
    sha256 = fields.String()
    size = WholeNumber()
    uploaded_by_name = fields.String()
