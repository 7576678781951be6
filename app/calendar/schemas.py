from marshmallow import Schema, fields, validate

from app.schema_fields import OfficeDate, WholeNumber


class CalendarOverrideSchema(Schema):
    day = OfficeDate()
    is_working_day = fields.Boolean()
    note = fields.String()
    updated_at = fields.DateTime()
    updated_by = fields.Function(lambda o: o.updated_by.display_name if o.updated_by else None, allow_none=True)


class CalendarOverrideInputSchema(Schema):
    is_working_day = fields.Boolean(required=True, metadata={"description": "true 上班（调休工作日）| false 放假"})
    note = fields.String(load_default="", validate=validate.Length(max=200),
                         metadata={"description": "说明，如“2027年春节”“台风停止办公”"})


class CalendarOverrideQuerySchema(Schema):
    year = WholeNumber(validate=validate.Range(min=2000, max=2100))
