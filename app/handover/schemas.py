from marshmallow import Schema, fields, validate

from app.schema_fields import WholeNumber

from .models import HANDOVER_STATES
from .services import is_overdue


class HandoverCreateSchema(Schema):
    materials = fields.List(
        fields.String(validate=validate.Length(min=1, max=40)),
        required=True,
        validate=validate.Length(min=1, max=50),
        metadata={"description": "移交的纸质材料编码（须为窗口已收取的材料）"},
    )
    department = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=40),
        metadata={"description": "接收部门编码；默认事项的实施（牵头）部门"},
    )
    note = fields.String(
        load_default="", validate=validate.Length(max=2000), metadata={"description": "移交说明"}
    )
    tracking_no = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(min=1, max=50),
        metadata={"description": "收受分离：纸质原件寄往办理地的快递单号（异地办理的办件必填）"},
    )
    carrier = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(min=1, max=50),
        metadata={"description": "寄递企业"},
    )


class HandoverSignSchema(Schema):
    note = fields.String(
        load_default="", validate=validate.Length(max=2000), metadata={"description": "签收意见"}
    )


class HandoverQuerySchema(Schema):
    state = fields.String(
        validate=validate.OneOf(list(HANDOVER_STATES)), metadata={"description": "pending | signed"}
    )
    older_than_hours = WholeNumber(
        validate=validate.Range(min=0, max=24 * 366),
        metadata={"description": "只列出移交超过该小时数的交接单"},
    )


class HandoverSchema(Schema):
    id = WholeNumber()
    case_no = fields.Function(lambda h: h.case.case_no)
    item = fields.Function(lambda h: {"code": h.case.item.code, "name": h.case.item.name})
    department = fields.Function(lambda h: {"code": h.department.code, "name": h.department.name})
    materials = fields.List(fields.Dict())
    note = fields.String()
    state = fields.String()
    state_label = fields.Function(lambda h: HANDOVER_STATES.get(h.state))
    handed_over_by = fields.Function(lambda h: h.handed_over_by.display_name)
    handed_over_at = fields.DateTime()
    signed_by = fields.Function(lambda h: h.signed_by.display_name if h.signed_by else None, allow_none=True)
    signed_at = fields.DateTime(allow_none=True)
    sign_note = fields.String(allow_none=True)
    from_centre = fields.Function(lambda h: _centre(h.from_centre), allow_none=True,
                                  metadata={"description": "收受分离：寄出的受理中心"})
    to_centre = fields.Function(lambda h: _centre(h.to_centre), allow_none=True,
                                metadata={"description": "收受分离：办理地的中心"})
    carrier = fields.String(allow_none=True)
    tracking_no = fields.String(allow_none=True)
    overdue = fields.Function(lambda h: is_overdue(h), metadata={"description": "移交超过一天仍未签收"})


def _centre(centre):
    return {"code": centre.code, "name": centre.name} if centre is not None else None
