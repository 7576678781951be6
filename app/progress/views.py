from flask import request
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from app.applicants.query_code import QUERY_CODE_RULE
from app.extensions import db
from app.schema_fields import OfficeDate, WholeNumber

from .services import authenticate_case, public_progress
from .throttle import failures_counted

blp = Blueprint("progress", __name__, url_prefix="/api/v1/public", description="办件进度公开查询（无需登录）")


class ProgressQuerySchema(Schema):
    case_no = fields.String(required=True, validate=validate.Length(min=1, max=50))
    code = fields.String(required=True, validate=validate.Length(min=1, max=20),
                         metadata={"description": f"查询码：{QUERY_CODE_RULE}（不区分大小写）"})


class PublicStepSchema(Schema):
    step = fields.String(allow_none=True)
    action = fields.String()
    date = OfficeDate()


class PublicCentreSchema(Schema):
    name = fields.String()
    address = fields.String()
    hours = fields.String()
    phone = fields.String()
    window = fields.String()


class SupplementMaterialSchema(Schema):
    code = fields.String()
    name = fields.String()
    standard = fields.String()
    originals = WholeNumber()
    copies = WholeNumber()


class PublicSupplementSchema(Schema):
    materials = fields.List(fields.Nested(SupplementMaterialSchema),
                            metadata={"description": "一次性补正告知书列明的全部材料"})
    note = fields.String(allow_none=True)
    requested_on = OfficeDate(allow_none=True)
    where = fields.Nested(PublicCentreSchema, allow_none=True, metadata={"description": "补正材料提交地点（受理窗口）"})
    online = fields.Boolean(metadata={"description": "网上申报的办件，可在网上补交材料"})


class PublicCollectionSchema(Schema):
    method = fields.String(allow_none=True, metadata={"description": "window | post | agent | online（出件后）"})
    method_label = fields.String(allow_none=True)
    issued_on = OfficeDate(allow_none=True)
    tracking_no = fields.String(allow_none=True, metadata={"description": "邮寄送达的运单号"})
    delivery_status = fields.String(allow_none=True)
    delivery_status_label = fields.String(allow_none=True)
    online_download = fields.Boolean(metadata={"description": "网办深度 IV：可凭办件编号和查询码下载电子证照"})
    where = fields.Nested(PublicCentreSchema, allow_none=True, metadata={"description": "领取地点：受理中心地址、时间、电话"})


class DecisionLicenceSchema(Schema):
    name = fields.String()
    number = fields.String()
    valid_to = OfficeDate(allow_none=True)
    status_label = fields.String()


class PublicDecisionSchema(Schema):
    result = fields.String(metadata={"description": "approved | refused"})
    result_label = fields.String()
    decided_on = OfficeDate(allow_none=True)
    licences = fields.List(fields.Nested(DecisionLicenceSchema))


class ProgressSchema(Schema):
    case_no = fields.String()
    item_name = fields.String()
    applicant = fields.String(metadata={"description": "申请人（个人姓名已脱敏）"})
    status = fields.String()
    status_label = fields.String()
    result_label = fields.String(allow_none=True)
    received_on = OfficeDate()
    accepted_on = OfficeDate(allow_none=True)
    decided_on = OfficeDate(allow_none=True)
    finished_on = OfficeDate(allow_none=True)
    deadline = OfficeDate(allow_none=True, metadata={"description": "承诺办结期限"})
    promised_limit = WholeNumber(allow_none=True, metadata={"description": "承诺时限（工作日）"})
    remaining_working_days = WholeNumber(allow_none=True, metadata={"description": "距承诺期限剩余工作日"})
    steps = fields.List(fields.Nested(PublicStepSchema))
    supplement = fields.Nested(PublicSupplementSchema, allow_none=True,
                               metadata={"description": "补正中：需补正的材料"})
    collection = fields.Nested(PublicCollectionSchema, metadata={"description": "出件方式与领取地点"})
    decision = fields.Nested(PublicDecisionSchema, allow_none=True, metadata={"description": "审批决定（作出后）"})


def authenticated_case_or_404(case_no: str, code: str):
    """authenticate_case, committing the failure record before the 404 leaves the request."""
    return failures_counted(authenticate_case, case_no, code, request.remote_addr)


@blp.post("/progress")
@blp.arguments(ProgressQuerySchema)
@blp.response(200, ProgressSchema)
@blp.alt_response(404, description="未找到匹配的办件")
@blp.alt_response(429, description="查询失败次数过多，请稍后再试")
def progress(args):
    """办件查询：办件编号 + 查询码（受理通知书上的8位随机码）→ 状态、环节与日期、办理期限、补正材料、领取方式、审批决定。

    The code travels in the JSON body, never in the address (so never in access logs or proxies); there is no
    GET variant: the QR code on a notice opens the page ``/progress?case_no=…`` with the number only, and the
    citizen types the code there."""
    progress_ = public_progress(authenticated_case_or_404(args["case_no"], args["code"]))
    db.session.commit()  # a success after failures is recorded (app.progress.throttle)
    return progress_
