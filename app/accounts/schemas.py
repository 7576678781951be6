from marshmallow import Schema, fields, validate


class TokenRequestSchema(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=80))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=200))


class UserSchema(Schema):
    username = fields.String()
    display_name = fields.String()
    role = fields.String()
    department = fields.Function(lambda u: u.department.code if u.department else None, allow_none=True)
    window = fields.Function(lambda u: u.window.code if u.window else None, allow_none=True)
    groups = fields.Function(lambda u: sorted(u.groups))


class TokenSchema(Schema):
    token = fields.String()
    token_type = fields.String()
    expires_at = fields.DateTime()
    user = fields.Nested(UserSchema)
