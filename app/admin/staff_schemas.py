"""Schemas of the staff-account API. Passwords are load-only; hashes are never dumped."""
from marshmallow import Schema, ValidationError, fields, validate

from app.accounts.models import ROLES
from app.schema_fields import WholeNumber

from .paging import PageQuerySchema

MIN_PASSWORD = 8


def _password_policy(value: str) -> None:
    if not (any(c.isalpha() for c in value) and any(c.isdigit() for c in value)):
        raise ValidationError("密码须同时包含字母和数字")


PASSWORD = fields.String(required=True, load_only=True,
                         validate=[validate.Length(min=MIN_PASSWORD, max=200), _password_policy],
                         metadata={"description": f"至少 {MIN_PASSWORD} 位，含字母和数字"})


def _ref(attr):
    return lambda u: ({"id": getattr(u, attr).id, "code": getattr(u, attr).code, "name": getattr(u, attr).name}
                      if getattr(u, attr) is not None else None)


class StaffSchema(Schema):
    id = WholeNumber()
    username = fields.String()
    display_name = fields.String()
    role = fields.String()
    role_label = fields.Function(lambda u: ROLES.get(u.role, u.role))
    department = fields.Function(_ref("department"), allow_none=True)
    window = fields.Function(_ref("window"), allow_none=True)
    region = fields.Function(_ref("region"), allow_none=True)
    centre = fields.Function(_ref("centre"), allow_none=True)
    scope_region_code = fields.Function(lambda u: u.scope_region.code if u.scope_region else None,
                                        allow_none=True)
    groups = fields.Function(lambda u: sorted(u.groups))
    active = fields.Boolean()
    created_at = fields.DateTime()


class StaffQuerySchema(PageQuerySchema):
    role = fields.String(validate=validate.OneOf(tuple(ROLES)))
    department_id = WholeNumber()
    window_id = WholeNumber()
    centre_id = WholeNumber(metadata={"description": "该中心窗口的工作人员及其代办员"})
    active = fields.Boolean()


class StaffUpdateSchema(Schema):
    display_name = fields.String(validate=validate.Length(min=1, max=100))
    role = fields.String(validate=validate.OneOf(tuple(ROLES)))
    department_id = WholeNumber(allow_none=True, metadata={"description": "承办、审核、审批、负责人必填"})
    window_id = WholeNumber(allow_none=True, metadata={"description": "窗口受理人员必填"})
    region_id = WholeNumber(allow_none=True, metadata={"description": "监察、设计、管理员必填（管辖区域）"})
    centre_id = WholeNumber(allow_none=True, metadata={"description": "代办员必填（所在服务站）"})
    active = fields.Boolean()


class StaffCreateSchema(StaffUpdateSchema):
    username = fields.String(required=True, validate=[
        validate.Length(min=3, max=80),
        validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", error="用户名只能使用字母、数字、_、. 和 -")])
    display_name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    role = fields.String(required=True, validate=validate.OneOf(tuple(ROLES)))
    password = PASSWORD


class PasswordResetSchema(Schema):
    password = PASSWORD
