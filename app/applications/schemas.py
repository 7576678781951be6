from marshmallow import Schema, fields, validate

from app.applicants.query_code import QUERY_CODE_RULE
from app.cases.schemas import FORM_ANSWERS, ApplicantSchema
from app.schema_fields import WholeNumber

from .models import APPLICATION_STATES

_CODE = validate.Length(min=1, max=40)


class ApplicationSubmitSchema(Schema):
    item_code = fields.String(required=True, validate=validate.Length(min=1, max=50))
    applicant = fields.Nested(ApplicantSchema, required=True)
    materials = fields.List(
        fields.String(validate=_CODE),
        required=True,
        validate=validate.Length(max=100),
        metadata={"description": "在线提交的材料编码"},
    )
    note = fields.String(load_default="", validate=validate.Length(max=2000))
    form = fields.Dict(**FORM_ANSWERS)


class ApplicationResubmitSchema(Schema):
    code = fields.String(
        required=True, validate=validate.Length(min=1, max=20),
        metadata={"description": f"查询码：{QUERY_CODE_RULE}（不区分大小写）"}
    )
    materials = fields.List(
        fields.String(validate=_CODE),
        required=True,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "补正提交的材料编码"},
    )
    form = fields.Dict(**{**FORM_ANSWERS, "load_default": None,
                          "metadata": {"description": "修改后的申请表数据（不填则沿用原申请表；按事项申请表完整校验）"}})


class WithdrawSchema(Schema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=20),
                         metadata={"description": "查询码"})
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500),
                           metadata={"description": "撤件理由（记入办理记录，窗口和部门可见）"})


class ApplicationReceiptSchema(Schema):
    application_no = fields.String()
    state = fields.String()
    state_label = fields.Function(lambda a: APPLICATION_STATES.get(a.state))
    submitted_at = fields.DateTime()
    query_code = fields.String(metadata={
        "description": "查询码（8位随机码）：凭申报编号和查询码补正、上传材料，受理后凭办件编号和查询码查询进度；请妥善保存"})


class ApplicationQuerySchema(Schema):
    state = fields.String(
        validate=validate.OneOf(list(APPLICATION_STATES)),
        metadata={"description": "pending 待预审 | supplement 待补正 | passed | refused | withdrawn 已撤件"},
    )


class ApplicationReviewSchema(Schema):
    decision = fields.String(
        required=True,
        validate=validate.OneOf(["pass", "supplement", "refuse"]),
        metadata={"description": "pass 通过（转为受理）| supplement 一次性补正告知 | refuse 不通过"},
    )
    missing = fields.List(
        fields.String(validate=_CODE),
        validate=validate.Length(max=100),
        metadata={"description": "需补正的材料编码（未提交的必要材料自动列入）"},
    )
    reason = fields.String(
        allow_none=True, validate=validate.Length(max=2000), metadata={"description": "说明或理由"}
    )


class ApplicationSchema(Schema):
    id = WholeNumber()
    application_no = fields.String()
    state = fields.String()
    state_label = fields.Function(lambda a: APPLICATION_STATES.get(a.state))
    item = fields.Function(lambda a: {"code": a.item.code, "name": a.item.name})
    applicant = fields.Function(
        lambda a: {
            "kind": a.applicant_kind,
            "name": a.applicant_name,
            "id_number": a.applicant_id_number,
            "phone": a.applicant_phone,
        }
    )
    materials = fields.Function(
        lambda a: [{"code": m.code, "name": m.name} for m in a.item.materials if m.code in set(a.materials)]
    )
    note = fields.String()
    form_data = fields.Dict(allow_none=True, metadata={"description": "申请表数据"})
    agent = fields.Function(
        lambda a: {"name": a.agent_user.display_name, "station": a.agent_user.centre.name if a.agent_user.centre else None,
                   "authorisation_material": (a.agent or {}).get("authorisation_material")}
        if a.agent_user is not None else None,
        allow_none=True, metadata={"description": "代办申报的代办员及其便民服务站"})
    submitted_at = fields.DateTime()
    resubmitted_at = fields.DateTime(allow_none=True)
    missing = fields.Function(
        lambda a: [
            {"code": m.code, "name": m.name, "standard": m.standard}
            for m in a.item.materials
            if m.code in set(a.missing or [])
        ]
    )
    reason = fields.String(allow_none=True)
    reviewed_at = fields.DateTime(allow_none=True)
    withdrawn_at = fields.DateTime(allow_none=True)
    withdrawal_reason = fields.String(allow_none=True)
    case_no = fields.Function(lambda a: a.case.case_no if a.case else None, allow_none=True)
