"""Public form endpoints for the pages (window, online application): check answers against the published
item's form, and the materials checklist those answers require."""
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from app.cases.schemas import FORM_ANSWERS
from app.schema_fields import WholeNumber

from . import services

blp = Blueprint("forms", __name__, url_prefix="/api/v1/items", description="申请表（一表申请）与情形材料")


class AnswersSchema(Schema):
    form = fields.Dict(**FORM_ANSWERS)


class ChecklistMaterialSchema(Schema):
    code = fields.String()
    name = fields.String()
    applies = fields.Boolean(metadata={"description": "按申请表所填情形是否适用"})
    required = fields.Boolean(metadata={"description": "适用且为必要材料"})
    condition_note = fields.String(allow_none=True)
    originals = WholeNumber()
    copies = WholeNumber()
    issuing_body = fields.String()
    standard = fields.String()


class ChecklistSchema(Schema):
    item_code = fields.String()
    version = WholeNumber()
    situation = fields.Dict(allow_none=True, metadata={"description": "所选办理情形"})
    materials = fields.List(fields.Nested(ChecklistMaterialSchema))
    required = fields.List(fields.String(), metadata={"description": "须收取的材料编码"})
    problems = fields.Dict(metadata={"description": "已填写但不符合申请表的字段（不影响清单）"})


class FormCheckSchema(Schema):
    valid = fields.Boolean()
    data = fields.Dict(metadata={"description": "校验后的申请表数据"})
    required = fields.List(fields.String(), metadata={"description": "须收取的材料编码"})


@blp.post("/<string:code>/checklist")
@blp.arguments(AnswersSchema)
@blp.response(200, ChecklistSchema)
@blp.alt_response(404, description="事项不存在或未发布")
def checklist(args, code):
    """按（可未填完的）申请表数据给出材料清单：哪些情形材料适用、哪些必须收取（公开）"""
    return services.checklist_for(code, args.get("form"))


@blp.post("/<string:code>/form/validate")
@blp.arguments(AnswersSchema)
@blp.response(200, FormCheckSchema)
@blp.alt_response(404, description="事项不存在或未发布")
@blp.alt_response(422, description="申请表填写有误，errors.json.form.<字段键> 逐项说明")
def validate(args, code):
    """按事项已发布版本的申请表校验数据（与受理、网上申报时的校验相同；公开）"""
    return services.validate_for(code, args.get("form"))
