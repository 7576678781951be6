"""Public service guide API (办事指南), no login."""
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from app.schema_fields import WholeNumber

from .guide import service_guide
from .schemas import MaterialSchema

blp = Blueprint("guide", __name__, url_prefix="/api/v1/guide", description="办事指南（公开，无需登录）")


class GuidePlaceSchema(Schema):
    centre = fields.String()
    address = fields.String()
    phone = fields.String()
    window = fields.String()


class GuideCentreSchema(Schema):
    centre = fields.String()
    region = fields.String()
    address = fields.String()
    phone = fields.String()
    hours = fields.String()
    windows = fields.List(fields.String(), metadata={"description": "受理该事项的窗口"})


class GuideMaterialSchema(MaterialSchema):
    applies_when = fields.String(metadata={"description": "适用情形（空为所有申请人都须提交）"})


class GuideSituationSchema(Schema):
    code = fields.String()
    name = fields.String()
    description = fields.String()
    materials = fields.List(fields.String(), metadata={"description": "该情形需要的材料编码"})


class GuideSchema(Schema):
    code = fields.String()
    name = fields.String()
    version = WholeNumber()
    item_type = fields.String()
    case_type = fields.String()
    department = fields.String()
    co_departments = fields.List(fields.String())
    legal_basis = fields.String()
    service_objects = fields.List(fields.String())
    acceptance_conditions = fields.String()
    materials = fields.List(fields.Nested(GuideMaterialSchema))
    situations = fields.List(fields.Nested(GuideSituationSchema), metadata={"description": "办理情形"})
    has_form = fields.Boolean(metadata={"description": "是否可在线填写申请表"})
    steps = fields.List(fields.String(), metadata={"description": "办理流程环节"})
    legal_limit = fields.String()
    promised_limit = fields.String()
    charges_fee = fields.Boolean()
    fee = fields.String()
    handling_forms = fields.List(fields.String())
    result_name = fields.String()
    place = fields.Nested(GuidePlaceSchema)
    places = fields.List(fields.Nested(GuideCentreSchema), metadata={"description": "可办理的服务中心（含通办）"})
    exercise_level = fields.String()
    online_depth = fields.String(metadata={"description": "网办深度 I–IV"})
    online_depth_label = fields.String()
    consult_phone = fields.String(metadata={"description": "咨询电话"})
    supervision_phone = fields.String(metadata={"description": "监督投诉电话"})
    disclose_cases = fields.Boolean(metadata={"description": "办结办件是否公示"})


@blp.get("/<string:item_code>")
@blp.response(200, GuideSchema)
@blp.alt_response(404, description="事项不存在或未发布")
def get_guide(item_code):
    """办事指南：受理条件、申请材料及标准、办理流程、时限、收费、办理地点（公开）"""
    return service_guide(item_code)
