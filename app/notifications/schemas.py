from marshmallow import Schema, fields

from app.schema_fields import WholeNumber

from .models import NOTIFICATION_KINDS


class NotificationSchema(Schema):
    id = WholeNumber()
    kind = fields.String(metadata={"description": " | ".join(f"{k} {v}" for k, v in NOTIFICATION_KINDS.items())})
    kind_label = fields.Function(lambda n: NOTIFICATION_KINDS.get(n.kind, n.kind))
    case_no = fields.Function(lambda n: n.case.case_no)
    task_id = fields.String(allow_none=True)
    recipient_group = fields.String(allow_none=True)
    message = fields.String()
    created_at = fields.DateTime()
    read_at = fields.DateTime(allow_none=True)


class NotificationQuerySchema(Schema):
    unread = fields.Boolean(load_default=False, metadata={"description": "只看未读"})
