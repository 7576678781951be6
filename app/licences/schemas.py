from flask import g
from marshmallow import Schema, fields, validate

from app.applicants.identity import mask_id_number
from app.cases.privacy import sees_full_identity
from app.schema_fields import OfficeDate, WholeNumber

from .models import DELIVERY_STATUSES, HOLDER_CODE_TYPES, LICENCE_STATUSES


class LicenceQuerySchema(Schema):
    case_no = fields.String(required=True, validate=validate.Length(min=1, max=50))


class LicenceReasonSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500))


class LicenceSchema(Schema):
    id = WholeNumber()
    case_no = fields.Function(lambda licence: licence.case.case_no)
    name = fields.String()
    number = fields.String()
    identifier = fields.String()
    verification_code = fields.String(metadata={"description": "核验码（打印在证照上，公开核验时使用）"})
    type_code = fields.String()
    holder_name = fields.String()
    holder_code_type = fields.String(metadata={"enum": list(HOLDER_CODE_TYPES)})
    holder_code = fields.Method("_holder_code", metadata={
        "description": "持证主体代码；个人身份证号仅对窗口和办理部门完整显示，其他人员（如电子监察）脱敏"})
    issuer_name = fields.String()
    issuer_code = fields.String()
    issued_on = OfficeDate()
    valid_from = OfficeDate()
    valid_to = OfficeDate(allow_none=True, metadata={"description": "为空表示长期有效"})
    status = fields.Method("_status", metadata={"enum": list(LICENCE_STATUSES)})
    status_reason = fields.String(allow_none=True)

    def _holder_code(self, licence):
        if licence.holder_code_type == "001" or sees_full_identity(g.get("current_user")):
            return licence.holder_code  # a credit code is public; a citizen ID only for those who need it
        return mask_id_number(licence.holder_code)

    def _status(self, licence):
        from .services import effective_status

        return effective_status(licence)


class VerifyQuerySchema(Schema):
    number = fields.String(required=True, validate=validate.Length(min=1, max=100))
    code = fields.String(required=True, validate=validate.Length(min=1, max=20),
                         metadata={"description": "证照上打印的6位核验码"})


class VerificationSchema(Schema):
    status = fields.String(metadata={"enum": list(LICENCE_STATUSES)})
    name = fields.String()
    holder = fields.String(metadata={"description": "持证主体（个人姓名已脱敏）"})
    issuer = fields.String()
    issued_on = OfficeDate()
    valid_from = OfficeDate()
    valid_to = OfficeDate(allow_none=True)


class DeliveryUpdateSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(list(DELIVERY_STATUSES)),
                           metadata={"description": "delivered 已投递 | signed 已签收 | returned 已退回"})
    note = fields.String(validate=validate.Length(max=500), allow_none=True)


class DeliverySchema(Schema):
    method = fields.String()
    recipient = fields.String(allow_none=True)
    recipient_id_suffix = fields.String(allow_none=True)
    confirmed = fields.Boolean()
    status = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    updated_at = fields.DateTime()
