from marshmallow import Schema, fields

from .models import NOTIFICATION_KINDS

from app.schema_fields import WholeNumber


class NotificationSchema(Schema):
    id = WholeNumber()
    kind = fields.String(metadata={"description": "overdue 环节超期督办 | auto_return 超时自动退回 | due_soon 即将到期"})
    kind_label = fields.Function(lambda n: NOTIFICATION_KINDS.get(n.kind, n.kind))
    case_no = fields.Function(lambda n: n.case.case_no)
    task_id = fields.String(allow_none=True)
    recipient_group = fields.String(allow_none=True)
    message = fields.String()
    created_at = fields.DateTime()
    read_at = fields.DateTime(allow_none=True)


class NotificationQuerySchema(Schema):
    unread = fields.Boolean(load_default=False, metadata={"description": "只看未读"})
