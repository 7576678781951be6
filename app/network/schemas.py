from marshmallow import Schema, fields, validate

from app.cases.models import CASE_STATUSES
from app.cases.schemas import FORM_ANSWERS, ApplicantSchema
from app.schema_fields import OfficeDate
from app.supervision.colours import case_time_status

_CODE = validate.Length(min=1, max=50)
_REGION_CODE = [validate.Length(max=12), validate.Regexp(r"^\d{6}(\d{3}){0,2}$", error="行政区划代码为6、9或12位数字")]


class AgentApplicationSchema(Schema):
    item_code = fields.String(required=True, validate=_CODE)
    region = fields.String(validate=_REGION_CODE, allow_none=True,
                           metadata={"description": "办件所属区划（通办：由该区划的实施部门办理）"})
    applicant = fields.Nested(ApplicantSchema, required=True)
    materials = fields.List(fields.String(validate=validate.Length(min=1, max=40)), required=True,
                            validate=validate.Length(max=100))
    form = fields.Dict(**FORM_ANSWERS)
    authorisation_material = fields.String(validate=validate.Length(min=1, max=40), allow_none=True)
    project = fields.String(validate=_CODE, allow_none=True)
    note = fields.String(load_default="", validate=validate.Length(max=2000))


class AgentDeliverySchema(Schema):
    recipient_id_suffix = fields.String(
        required=True, validate=[validate.Length(min=4, max=6), validate.Regexp(r"^[0-9Xx]{4,6}$")],
        metadata={"description": "申请人身份证号后4至6位（代办员核验）"})
    note = fields.String(load_default="", validate=validate.Length(max=2000))


class ProjectCreateSchema(Schema):
    code = fields.String(required=True, validate=_CODE)
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    region = fields.String(required=True, validate=_REGION_CODE)
    agent = fields.String(required=True, validate=validate.Length(min=1, max=80),
                          metadata={"description": "负责全程代办的代办员账号"})


class ProjectCaseSchema(Schema):
    case_no = fields.String(required=True, validate=validate.Length(min=1, max=50))


class ProjectSchema(Schema):
    code = fields.String()
    name = fields.String()
    region = fields.Function(lambda p: {"code": p.region.code, "name": p.region.name})
    agent = fields.Function(lambda p: {"username": p.agent.username, "name": p.agent.display_name}
                            if p.agent else None, allow_none=True)
    created_at = fields.DateTime()


class ProjectCaseRowSchema(Schema):
    case_no = fields.String()
    item = fields.Function(lambda c: {"code": c.item.code, "name": c.item.name})
    department = fields.Function(lambda c: {"code": c.item.department.code, "name": c.item.department.name})
    status = fields.String()
    status_label = fields.Function(lambda c: CASE_STATUSES.get(c.status))
    deadline = OfficeDate(allow_none=True)
    remaining_working_days = fields.Function(lambda c: case_time_status(c)["remaining_working_days"], allow_none=True)
    colour = fields.Function(lambda c: case_time_status(c)["colour"], allow_none=True)


class ProjectViewSchema(ProjectSchema):
    cases = fields.Function(lambda p: ProjectCaseRowSchema(many=True).dump(p.view_cases))
