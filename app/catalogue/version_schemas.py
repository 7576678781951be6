"""Input and output schemas of catalogue editing: every GB/T 39046 element, codes checked against the
code tables in :mod:`app.catalogue.models`, every string and list bounded."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.extensions import db
from app.network.models import Sector
from app.schema_fields import WholeNumber

from .models import (
    CASE_TYPES,
    EXERCISE_LEVELS,
    HANDLING_FORMS,
    ITEM_STATUSES,
    ITEM_TYPES,
    LIMIT_UNITS,
    MATERIAL_FORMS,
    ONLINE_DEPTHS,
    SERVICE_OBJECTS,
    TIMEOUT_ACTIONS,
)
from .schemas import ServiceItemSchema

COUNTERSIGN_MODES = {"all": "会签", "any": "或签"}

CODE = validate.Regexp(r"^[0-9A-Za-z][0-9A-Za-z_.\-]{0,49}$", error="编码只能包含字母、数字、点、下划线和连字符，最长50位")
REGION_CODE = validate.Regexp(r"^\d{6}(\d{3})?(\d{3})?$", error="行政区划代码应为6、9或12位数字")
MAX_MATERIALS = 50
#: a sample is linked from the public guide: a site path or an http(s) address, never javascript: or data:
SAMPLE_URL = validate.Regexp(r"^(/[^/\\]|https?://)[^\s<>\"']*$", error="样表地址应为站内路径（以 / 开头）或 http(s) 地址")


def _known_sector(value: str) -> None:
    """Sectors are data (the sectors table), so the check reads the table."""
    if db.session.get(Sector, value) is None:
        raise ValidationError(f"受理窗口板块不存在：{value}")


MAX_CO_DEPARTMENTS = 10


def _code_of(table: dict, label: str):
    return validate.OneOf(list(table), error=f"{label}代码不在 GB/T 39046 代码表中：{{input}}")


class MaterialInputSchema(Schema):
    code = fields.String(required=True, validate=[validate.Length(min=1, max=40), CODE],
                         metadata={"description": "材料编码（事项内唯一）"})
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    issuing_body = fields.String(load_default="申请人自备", validate=validate.Length(max=200))
    originals = WholeNumber(load_default=0, validate=validate.Range(min=0, max=99))
    copies = WholeNumber(load_default=0, validate=validate.Range(min=0, max=99))
    required = fields.Boolean(load_default=True)
    form = fields.String(load_default="paper", validate=_code_of(MATERIAL_FORMS, "材料形式"))
    standard = fields.String(load_default="", validate=validate.Length(max=2000), metadata={"description": "受理标准"})
    # situational elements: absent = kept as in the current version (a workbook row has none), null = none
    condition = fields.String(allow_none=True, validate=validate.Length(max=500), metadata={
        "description": "情形材料的适用条件：申请表字段上的表达式，如 agent == True、area > 300；空为始终适用"})
    condition_note = fields.String(allow_none=True, validate=validate.Length(max=200),
                                   metadata={"description": "适用情形的说明（办事指南、材料清单显示）"})
    situations = fields.List(fields.String(validate=[validate.Length(min=1, max=40), CODE]),
                             validate=validate.Length(max=20),
                             metadata={"description": "适用的办理情形编码；空为全部情形"})
    sample_url = fields.String(allow_none=True, validate=[validate.Length(max=500), SAMPLE_URL], metadata={
        "description": "示例样表或空白表格的地址：站内路径（/static/samples/…）或 http(s) 地址；省略则保持不变"})


class SituationSchema(Schema):
    code = fields.String(required=True, validate=[validate.Length(min=1, max=40), CODE])
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    description = fields.String(load_default="", validate=validate.Length(max=1000))


class ItemElementsSchema(Schema):
    """The elements of one version of a service item (PUT replaces all of them)."""

    basic_code = fields.String(required=True, validate=[validate.Length(min=1, max=50), CODE],
                               metadata={"description": "基本编码"})
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    item_type = fields.String(required=True, validate=_code_of(ITEM_TYPES, "事项类型"))
    exercise_level = fields.String(required=True, validate=_code_of(EXERCISE_LEVELS, "行使层级"))
    case_type = fields.String(required=True, validate=_code_of(CASE_TYPES, "办件类型"))
    sector = fields.String(required=True, validate=[validate.Length(min=1, max=40), _known_sector],
                           metadata={"description": "受理的综合窗口板块"})
    department_code = fields.String(required=True, validate=validate.Length(min=1, max=40),
                                    metadata={"description": "实施主体（部门编码）"})
    co_department_codes = fields.List(fields.String(validate=validate.Length(min=1, max=40)), load_default=list,
                                      validate=validate.Length(max=MAX_CO_DEPARTMENTS),
                                      metadata={"description": "联办部门编码"})
    legal_basis = fields.String(load_default="", validate=validate.Length(max=4000), metadata={"description": "设定依据"})
    service_objects = fields.List(fields.String(validate=_code_of(SERVICE_OBJECTS, "服务对象")), load_default=list,
                                  validate=validate.Length(max=len(SERVICE_OBJECTS)))
    acceptance_conditions = fields.String(load_default="", validate=validate.Length(max=4000))
    legal_limit = WholeNumber(required=True, validate=validate.Range(min=0, max=365))
    legal_limit_unit = fields.String(load_default="working_day", validate=_code_of(LIMIT_UNITS, "时限单位"))
    promised_limit = WholeNumber(required=True, validate=validate.Range(min=0, max=365))
    promised_limit_unit = fields.String(load_default="working_day", validate=_code_of(LIMIT_UNITS, "时限单位"))
    charges_fee = fields.Boolean(load_default=False)
    fee_basis = fields.String(load_default="", validate=validate.Length(max=2000))
    handling_forms = fields.List(fields.String(validate=_code_of(HANDLING_FORMS, "办理形式")), load_default=list,
                                 validate=validate.Length(max=len(HANDLING_FORMS)))
    online_depth = fields.String(load_default="II", validate=_code_of(ONLINE_DEPTHS, "网办深度"))
    result_name = fields.String(load_default="", validate=validate.Length(max=200))
    process_key = fields.String(required=True, validate=validate.Length(min=1, max=100))
    timeout_action = fields.String(load_default="remind", validate=_code_of(TIMEOUT_ACTIONS, "超时处理方式"))
    countersign_mode = fields.String(load_default="all", validate=_code_of(COUNTERSIGN_MODES, "联办会签方式"),
                                     metadata={"description": "联办事项：all 会签（各部门均需审批）| any 或签（首个决定即完成）"})
    materials = fields.List(fields.Nested(MaterialInputSchema), load_default=list,
                            validate=validate.Length(max=MAX_MATERIALS))
    form_schema = fields.Dict(allow_none=True, metadata={
        "description": "申请表（bpmn.io form-js JSON）；省略则保持不变，null 为无申请表"})
    disclose_cases = fields.Boolean(metadata={
        "description": "办件公示：是否公开本事项的办结办件（涉及国家秘密、商业秘密或个人隐私的事项设为 false）；省略则保持不变"})
    disclosure_note = fields.String(allow_none=True, validate=validate.Length(max=200),
                                    metadata={"description": "不予公示的理由（公开显示）"})
    situations = fields.List(fields.Nested(SituationSchema), validate=validate.Length(max=20), metadata={
        "description": "办理情形（新办、变更、延续…），由申请表字段 situation 选择；省略则保持不变"})

    @validates_schema
    def _consistent(self, data, **kwargs):
        if data.get("promised_limit", 0) > data.get("legal_limit", 0) and \
                data.get("promised_limit_unit") == data.get("legal_limit_unit"):
            raise ValidationError("承诺时限不能超过法定时限", "promised_limit")
        codes = [m["code"] for m in data.get("materials", [])]
        if len(codes) != len(set(codes)):
            raise ValidationError("材料编码重复", "materials")
        situations = [s["code"] for s in data.get("situations") or []]
        if len(situations) != len(set(situations)):
            raise ValidationError("办理情形编码重复", "situations")


class NewItemSchema(ItemElementsSchema):
    code = fields.String(required=True, validate=[validate.Length(min=1, max=50), CODE],
                         metadata={"description": "实施编码"})


class FormSchemaInput(Schema):
    form_schema = fields.Dict(required=True, allow_none=True,
                              metadata={"description": "申请表（bpmn.io form-js JSON）；null 为无申请表"})


class ClaimSchema(Schema):
    """认领: a region implements an upper level's item series under its own code, department and limit."""

    code = fields.String(required=True, validate=[validate.Length(min=1, max=50), CODE],
                         metadata={"description": "本区域的实施编码（唯一）"})
    region_code = fields.String(validate=[validate.Length(min=6, max=12), REGION_CODE],
                                metadata={"description": "认领区域（默认：认领人所在区域）"})
    department_code = fields.String(required=True, validate=validate.Length(min=1, max=40),
                                    metadata={"description": "本区域的实施主体（部门编码）"})
    promised_limit = WholeNumber(validate=validate.Range(min=0, max=365),
                                    metadata={"description": "承诺时限，不得超过被认领事项的承诺时限（默认相同）"})


class RejectSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500), metadata={"description": "退回理由"})


class RetireRequestSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500), metadata={"description": "停用理由"})


class ItemVersionSchema(ServiceItemSchema):
    """A version with its review trail."""

    status_label = fields.Function(lambda i: ITEM_STATUSES.get(i.status))
    timeout_action = fields.String()
    countersign_mode = fields.String()
    edited_by = fields.String(allow_none=True)
    edited_at = fields.DateTime(allow_none=True)
    submitted_by = fields.String(allow_none=True)
    submitted_at = fields.DateTime(allow_none=True)
    reviewed_by = fields.String(allow_none=True)
    reviewed_at = fields.DateTime(allow_none=True)
    review_note = fields.String(allow_none=True)
    published_at = fields.DateTime(allow_none=True)
    retired_at = fields.DateTime(allow_none=True)
    retire_requested_by = fields.String(allow_none=True, metadata={"description": "申请停用的审核人（待另一人确认）"})
    retire_requested_at = fields.DateTime(allow_none=True)
    retire_reason = fields.String(allow_none=True)
    retired_by = fields.String(allow_none=True, metadata={"description": "确认停用的审核人"})
