from marshmallow import Schema, fields, validate

from app.schema_fields import WholeNumber

from .models import CASE_TYPES, EXERCISE_LEVELS, ITEM_TYPES, LIMIT_UNITS


class DepartmentRefSchema(Schema):
    code = fields.String()
    name = fields.String()


class MaterialSchema(Schema):
    code = fields.String()
    name = fields.String()
    issuing_body = fields.String()
    originals = WholeNumber()
    copies = WholeNumber()
    required = fields.Boolean()
    form = fields.String()
    standard = fields.String(metadata={"description": "受理标准"})
    condition = fields.String(allow_none=True, metadata={"description": "情形材料的适用条件（申请表字段上的表达式）"})
    condition_note = fields.String(allow_none=True, metadata={"description": "适用情形说明"})
    situations = fields.Function(lambda m: (m.get("situations") if isinstance(m, dict) else m.situations) or [],
                                 metadata={"description": "适用的办理情形编码"})
    sample_url = fields.String(allow_none=True, metadata={"description": "示例样表或空白表格的地址"})


class SituationOutSchema(Schema):
    code = fields.String()
    name = fields.String()
    description = fields.String()


class TimeLimitSchema(Schema):
    value = WholeNumber()
    unit = fields.String(metadata={"description": "working_day | natural_day"})
    label = fields.String()


def _limit(value, unit):
    return {"value": value, "unit": unit, "label": f"{value}个{LIMIT_UNITS.get(unit, unit)}"}


class ServiceItemSchema(Schema):
    code = fields.String(metadata={"description": "实施编码"})
    basic_code = fields.String(metadata={"description": "基本编码"})
    region_code = fields.Function(lambda i: i.region.code, metadata={"description": "实施区域（行政区划代码）"})
    region_name = fields.Function(lambda i: i.region.name)
    base_code = fields.String(allow_none=True, metadata={"description": "认领自上级事项的实施编码（基础事项为空）"})
    version = WholeNumber()
    status = fields.String()
    name = fields.String()
    item_type = fields.String(metadata={"description": "事项类型代码（GB/T 39046 附录A）"})
    item_type_label = fields.Function(lambda i: ITEM_TYPES.get(i.item_type))
    exercise_level = fields.String()
    exercise_level_label = fields.Function(lambda i: EXERCISE_LEVELS.get(i.exercise_level))
    case_type = fields.String(metadata={"description": "办件类型：1 即办件 2 承诺件"})
    case_type_label = fields.Function(lambda i: CASE_TYPES.get(i.case_type))
    sector = fields.String()
    department = fields.Nested(DepartmentRefSchema)
    co_departments = fields.Function(
        lambda i: [{"code": c.department.code, "name": c.department.name} for c in i.co_departments]
    )
    is_joint = fields.Boolean()
    legal_limit = fields.Function(lambda i: _limit(i.legal_limit, i.legal_limit_unit))
    promised_limit = fields.Function(lambda i: _limit(i.promised_limit, i.promised_limit_unit))
    charges_fee = fields.Boolean()
    fee_basis = fields.String()
    legal_basis = fields.String()
    acceptance_conditions = fields.String()
    service_objects = fields.List(fields.String())
    handling_forms = fields.List(fields.String())
    online_depth = fields.String()
    result_name = fields.String()
    process_key = fields.String()
    materials = fields.List(fields.Nested(MaterialSchema))
    form_schema = fields.Dict(allow_none=True, metadata={"description": "申请表（bpmn.io form-js JSON）"})
    situations = fields.Function(lambda i: SituationOutSchema(many=True).dump(i.situations or []),
                                 metadata={"description": "办理情形"})
    disclose_cases = fields.Boolean(metadata={"description": "办件公示：是否公开本事项的办结办件"})
    disclosure_note = fields.String(allow_none=True, metadata={"description": "不予公示的理由"})


class ItemQuerySchema(Schema):
    sector = fields.String(validate=validate.Length(max=40))
    q = fields.String(validate=validate.Length(max=100), metadata={"description": "按名称或编码搜索"})
