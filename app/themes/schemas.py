"""Marshmallow schemas of the theme API: definitions (elements), acceptance, online application, issuance,
coordination, rating and the theme case as answered."""
from marshmallow import Schema, fields, validate

from app.applicants.identity import mask_name
from app.cases.models import WINDOW_ISSUE_METHODS
from app.cases.schemas import FORM_ANSWERS, ApplicantSchema
from app.schema_fields import OfficeDate, WholeNumber

from .models import REFUSAL_RULES

_CODE = validate.Length(min=1, max=50)


class ThemeTargetSchema(Schema):
    item = fields.String(required=True, validate=_CODE)
    material = fields.String(required=True, validate=validate.Length(min=1, max=40))


class ThemeCombinedMaterialSchema(Schema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=40))
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    required = fields.Boolean(load_default=True)
    condition = fields.String(allow_none=True, validate=validate.Length(max=500))
    condition_note = fields.String(allow_none=True, validate=validate.Length(max=200))
    targets = fields.List(fields.Nested(ThemeTargetSchema), required=True, validate=validate.Length(min=1, max=20),
                          metadata={"description": "此材料一次提交后计入的各成员事项材料"})


class ThemeMemberSchema(Schema):
    item_code = fields.String(required=True, validate=_CODE)
    mandatory = fields.Boolean(load_default=True)
    condition = fields.String(allow_none=True, validate=validate.Length(max=500),
                              metadata={"description": "情形：对一表申请答案的条件，如 area >= 300"})
    condition_note = fields.String(allow_none=True, validate=validate.Length(max=200))
    depends_on = fields.List(fields.String(validate=_CODE), load_default=list, validate=validate.Length(max=20))
    field_map = fields.Dict(keys=fields.String(validate=validate.Length(min=1, max=64)),
                            values=fields.String(validate=validate.Length(min=1, max=200)), load_default=dict,
                            metadata={"description": "事项申请表字段 → 一表申请字段 / applicant.<字段> / =常量"})
    reuse = fields.Dict(keys=fields.String(validate=validate.Length(min=1, max=40)),
                        values=fields.String(validate=_CODE), load_default=dict,
                        metadata={"description": "证照复用：材料编码 → 结果为该材料的成员事项"})


class ThemeElementsSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(load_default="", validate=validate.Length(max=4000))
    sector = fields.String(required=True, validate=validate.Length(min=1, max=40))
    coordinator = fields.String(allow_none=True, validate=_CODE,
                                metadata={"description": "牵头部门编码；不填为政务服务中心协调"})
    region_code = fields.String(allow_none=True, validate=validate.Length(max=12))
    promised_limit = WholeNumber(required=True, validate=validate.Range(min=1, max=365))
    refusal_rule = fields.String(load_default="continue", validate=validate.OneOf(list(REFUSAL_RULES)))
    form_schema = fields.Dict(allow_none=True)
    materials = fields.List(fields.Nested(ThemeCombinedMaterialSchema), required=True, validate=validate.Length(max=100))
    members = fields.List(fields.Nested(ThemeMemberSchema), required=True, validate=validate.Length(min=2, max=20))


class NewThemeSchema(ThemeElementsSchema):
    code = fields.String(required=True, validate=_CODE)


class ThemeReviewNoteSchema(Schema):
    note = fields.String(allow_none=True, validate=validate.Length(max=500))


class ThemeRejectSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500))


class ThemeVersionSchema(Schema):
    code = fields.String()
    version = WholeNumber()
    status = fields.String()
    name = fields.String()
    description = fields.String()
    sector = fields.String()
    promised_limit = WholeNumber()
    refusal_rule = fields.String()
    coordinator = fields.Function(lambda t: t.coordinator.code if t.coordinator else None)
    members = fields.Function(lambda t: [{"item_code": m.item_code, "mandatory": m.mandatory,
                                          "condition": m.condition, "condition_note": m.condition_note,
                                          "depends_on": m.depends_on, "reuse": m.reuse} for m in t.members])
    materials = fields.List(fields.Dict())
    form_schema = fields.Dict()
    edited_by = fields.String()
    submitted_by = fields.String()
    reviewed_by = fields.String()
    review_note = fields.String()


class ThemeAcceptSchema(Schema):
    theme_code = fields.String(required=True, validate=_CODE)
    applicant = fields.Nested(ApplicantSchema, required=True)
    form = fields.Dict(**FORM_ANSWERS)
    materials = fields.List(fields.String(validate=validate.Length(min=1, max=40)), required=True,
                            validate=validate.Length(max=100), metadata={"description": "一件事材料清单中已收取的材料"})


class ThemeApplicationReviewSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(["accept", "refuse"]))
    reason = fields.String(allow_none=True, validate=validate.Length(max=2000))


class ThemeIssueSchema(Schema):
    method = fields.String(required=True, validate=validate.OneOf([m for m in WINDOW_ISSUE_METHODS if m != "agent"]))
    tracking_no = fields.String(allow_none=True, validate=validate.Length(max=50))
    recipient = fields.String(allow_none=True, validate=validate.Length(max=100))
    # the same identity check as a single 出件 (app.cases.issuance): only the last 4 characters are kept
    recipient_id_number = fields.String(allow_none=True, load_only=True, validate=validate.Length(max=18))
    authorised = fields.Boolean(load_default=False)
    confirmed = fields.Boolean(load_default=False)


class ThemeCoordinationSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(["continue", "stop"]))
    note = fields.String(allow_none=True, validate=validate.Length(max=1000))


class ThemeLookupSchema(Schema):
    theme_no = fields.String(required=True, validate=validate.Length(min=1, max=50))
    code = fields.String(required=True, validate=validate.Length(min=1, max=20))


class ThemeRatingSchema(ThemeLookupSchema):
    grade = WholeNumber(required=True, validate=validate.Range(min=1, max=5))
    text = fields.String(allow_none=True, validate=validate.Length(max=1000))


class ThemeChildSchema(Schema):
    item_code = fields.String()
    item_name = fields.String()
    state = fields.String()
    note = fields.String(allow_none=True)
    depends_on = fields.List(fields.String())
    case_no = fields.String()
    status = fields.String()
    department = fields.String()
    deadline = OfficeDate()
    result = fields.String(allow_none=True)


class ThemeCaseSchema(Schema):
    theme_no = fields.String()
    theme_code = fields.String()
    theme = fields.String()
    status = fields.String()
    accepted_at = fields.DateTime()
    deadline = OfficeDate()
    remaining = WholeNumber(allow_none=True)
    level = fields.String(allow_none=True)
    coordinator = fields.String(allow_none=True)
    coordination_note = fields.String(allow_none=True)
    issued_at = fields.DateTime(allow_none=True)
    issue_method = fields.String(allow_none=True)
    rated = fields.Boolean()
    applicant = fields.String()
    query_code = fields.String(allow_none=True)
    children = fields.List(fields.Nested(ThemeChildSchema))


class ThemeApplicationReceiptSchema(Schema):
    application_no = fields.String()
    query_code = fields.String()
    state = fields.String()


class ThemeReviewResultSchema(Schema):
    application_no = fields.String()
    state = fields.String()


class ThemeApplicationRowSchema(Schema):
    id = WholeNumber()
    application_no = fields.String()
    theme = fields.Function(lambda a: a.theme.name)
    state = fields.String()
    applicant = fields.Function(lambda a: mask_name(a.applicant_name, organisation=a.applicant_kind != "person"))
    materials = fields.List(fields.String())
    submitted_at = fields.DateTime()
