"""Marshmallow schemas of the admin API (service network). Field rules that need the database (parents,
scopes, uniqueness) are checked in the services and reported as 422/409 naming the field."""
from marshmallow import Schema, fields, validate

from app.network.models import CENTRE_KINDS, REGION_LEVELS, REVIEW_AUTHORITIES, WINDOW_ACCEPTS
from app.schema_fields import WholeNumber

from .paging import PageQuerySchema

CODE = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9_-]*$", error="只能使用字母、数字、- 和 _")
IDENTIFIER = validate.Regexp(r"^[a-z][a-z0-9_]*$", error="只能使用小写字母、数字和 _，以字母开头")
PHONE = validate.Regexp(r"^([0-9+() -]{5,40})?$", error="电话号码格式不正确")


def _name(required=True):
    kwargs = {"required": True} if required else {}
    return fields.String(validate=validate.Length(min=1, max=200), **kwargs)


# --- regions -------------------------------------------------------------------------------------------
class RegionSchema(Schema):
    id = WholeNumber()
    code = fields.String()
    name = fields.String()
    level = fields.String()
    level_label = fields.Function(lambda r: REGION_LEVELS.get(r.level, r.level))
    parent_id = WholeNumber(allow_none=True)
    scope_prefix = fields.String()
    active = fields.Boolean()


class RegionTreeSchema(Schema):
    id = WholeNumber()
    code = fields.String()
    name = fields.String()
    level = fields.String()
    active = fields.Boolean()
    children = fields.List(fields.Nested(lambda: RegionTreeSchema()))


class RegionQuerySchema(PageQuerySchema):
    parent_id = WholeNumber()
    level = fields.String(validate=validate.OneOf(tuple(REGION_LEVELS)))


class RegionCreateSchema(Schema):
    code = fields.String(required=True, validate=[validate.Length(max=12),
                                                  validate.Regexp(r"^\d+$", error="区划代码只能是数字")],
                         metadata={"description": "GB/T 2260：市、区县 6 位，街道（乡镇）9 位，社区（村）12 位"})
    name = _name()
    level = fields.String(required=True, validate=validate.OneOf(tuple(REGION_LEVELS)))
    parent_id = WholeNumber(load_default=None, allow_none=True)


class RegionUpdateSchema(Schema):
    name = _name(required=False)
    active = fields.Boolean()


# --- sectors and window kinds --------------------------------------------------------------------------
class SectorSchema(Schema):
    code = fields.String(required=True, validate=[validate.Length(max=40), IDENTIFIER])
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    position = WholeNumber(load_default=0, validate=validate.Range(min=0, max=9999))


class SectorUpdateSchema(Schema):
    name = fields.String(validate=validate.Length(min=1, max=100))
    position = WholeNumber(validate=validate.Range(min=0, max=9999))


class WindowKindSchema(Schema):
    code = fields.String(required=True, validate=[validate.Length(max=40), IDENTIFIER])
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    accepts = fields.String(required=True, validate=validate.OneOf(tuple(WINDOW_ACCEPTS)),
                            metadata={"description": "sector 本板块事项 | all 本中心全部事项（全科窗口）"})


class WindowKindUpdateSchema(Schema):
    name = fields.String(validate=validate.Length(min=1, max=100))
    accepts = fields.String(validate=validate.OneOf(tuple(WINDOW_ACCEPTS)))


# --- centres -------------------------------------------------------------------------------------------
class CentreSchema(Schema):
    id = WholeNumber()
    code = fields.String()
    name = fields.String()
    kind = fields.String()
    kind_label = fields.Function(lambda c: CENTRE_KINDS.get(c.kind, c.kind))
    region_id = WholeNumber()
    region_code = fields.Function(lambda c: c.region.code)
    parent_centre_id = WholeNumber(allow_none=True)
    address = fields.String()
    phone = fields.String()
    hours = fields.String()


class CentreQuerySchema(PageQuerySchema):
    region_id = WholeNumber()
    kind = fields.String(validate=validate.OneOf(tuple(CENTRE_KINDS)))


class CentreUpdateSchema(Schema):
    name = _name(required=False)
    kind = fields.String(validate=validate.OneOf(tuple(CENTRE_KINDS)))
    parent_centre_id = WholeNumber(allow_none=True)
    address = fields.String(validate=validate.Length(max=300))
    phone = fields.String(validate=[validate.Length(max=40), PHONE])
    hours = fields.String(validate=validate.Length(max=200))


class CentreCreateSchema(CentreUpdateSchema):
    code = fields.String(required=True, validate=[validate.Length(min=1, max=20), CODE])
    name = _name()
    kind = fields.String(required=True, validate=validate.OneOf(tuple(CENTRE_KINDS)))
    region_id = WholeNumber(required=True)
    parent_centre_id = WholeNumber(load_default=None, allow_none=True)
    address = fields.String(load_default="", validate=validate.Length(max=300))
    phone = fields.String(load_default="", validate=[validate.Length(max=40), PHONE])
    hours = fields.String(load_default="", validate=validate.Length(max=200))


# --- windows -------------------------------------------------------------------------------------------
class WindowSchema(Schema):
    id = WholeNumber()
    code = fields.String()
    name = fields.String()
    centre_id = WholeNumber()
    kind = fields.String()
    sector = fields.String(allow_none=True)
    accepts_all = fields.Boolean()
    active = fields.Boolean()


class WindowQuerySchema(PageQuerySchema):
    centre_id = WholeNumber()


class WindowUpdateSchema(Schema):
    name = fields.String(validate=validate.Length(min=1, max=100))
    kind = fields.String(validate=validate.Length(min=1, max=40))
    sector = fields.String(allow_none=True, validate=validate.Length(max=40),
                           metadata={"description": "板块代码；全科窗口（受理全部事项）不填"})
    active = fields.Boolean()


class WindowCreateSchema(WindowUpdateSchema):
    centre_id = WholeNumber(required=True)
    code = fields.String(required=True, validate=[validate.Length(min=1, max=40), CODE])
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    kind = fields.String(required=True, validate=validate.Length(min=1, max=40))
    sector = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=40))


# --- departments ---------------------------------------------------------------------------------------
class DepartmentSchema(Schema):
    id = WholeNumber()
    code = fields.String()
    name = fields.String()
    short_name = fields.String()
    credit_code = fields.String(allow_none=True)
    region_id = WholeNumber()
    region_code = fields.Function(lambda d: d.region.code)
    review_authority = fields.String(allow_none=True)
    consult_phone = fields.String(metadata={"description": "咨询电话（办事指南）"})
    supervision_phone = fields.String(metadata={"description": "监督投诉电话（办事指南）"})


class DepartmentQuerySchema(PageQuerySchema):
    region_id = WholeNumber()


class DepartmentUpdateSchema(Schema):
    name = _name(required=False)
    short_name = fields.String(validate=validate.Length(max=100))
    credit_code = fields.String(allow_none=True, validate=validate.Length(max=30),
                                metadata={"description": "统一社会信用代码（GB 32100）"})
    consult_phone = fields.String(validate=[validate.Length(max=40), PHONE], metadata={"description": "咨询电话"})
    supervision_phone = fields.String(validate=[validate.Length(max=40), PHONE],
                                      metadata={"description": "监督投诉电话"})
    review_authority = fields.String(allow_none=True, validate=validate.OneOf(tuple(REVIEW_AUTHORITIES)),
                                     metadata={"description": "事项审核职能：" + "、".join(REVIEW_AUTHORITIES)})


class DepartmentCreateSchema(DepartmentUpdateSchema):
    code = fields.String(required=True, validate=[validate.Length(min=1, max=40),
                                                  validate.Regexp(r"^[A-Z][A-Z0-9-]*$",
                                                                  error="部门代码只能使用大写字母、数字和 -")],
                         metadata={"description": "BPMN 候选组中的部门代码，如 DC-SCJGJ"})
    name = _name()
    region_id = WholeNumber(required=True)
    short_name = fields.String(load_default="", validate=validate.Length(max=100))
    credit_code = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=30))
    review_authority = fields.String(load_default=None, allow_none=True,
                                     validate=validate.OneOf(tuple(REVIEW_AUTHORITIES)))


# --- audit ---------------------------------------------------------------------------------------------
class AuditQuerySchema(PageQuerySchema):
    entity_type = fields.String(validate=validate.Length(max=30))
    entity_key = fields.String(validate=validate.Length(max=80))


class AuditEntrySchema(Schema):
    id = WholeNumber()
    at = fields.DateTime()
    actor = fields.String(attribute="actor_username")
    action = fields.String()
    entity_type = fields.String()
    entity_key = fields.String()
    region_code = fields.String(allow_none=True)
    before = fields.Dict(allow_none=True)
    after = fields.Dict(allow_none=True)
