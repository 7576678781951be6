from marshmallow import Schema, fields, validate

from app.applicants.identity import mask_phone, mask_person_name
from app.ratings.models import GRADES
from app.schema_fields import OfficeDate, WholeNumber

from .handling import STEP_LABELS
from .models import KINDS, STATES, SUBJECT_KINDS
from .submission import subject_label
from .timing import time_status


class FeedbackSubmissionSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(list(KINDS)),
                         metadata={"description": "question 咨询 | complaint 投诉举报"})
    subject_kind = fields.String(required=True, validate=validate.OneOf(list(SUBJECT_KINDS)),
                                 metadata={"description": "item 事项 | window 窗口 | department 部门 | case 办件"})
    item = fields.String(validate=validate.Length(max=50), metadata={"description": "事项编码"})
    window = fields.String(validate=validate.Length(max=40), metadata={"description": "窗口编码"})
    department = fields.String(validate=validate.Length(max=40), metadata={"description": "部门编码"})
    case_no = fields.String(validate=validate.Length(max=50))
    case_code = fields.String(validate=validate.Length(max=20), metadata={"description": "办件查询码"})
    title = fields.String(required=True, validate=validate.Length(min=2, max=100))
    content = fields.String(required=True, validate=validate.Length(min=5, max=2000))
    name = fields.String(validate=validate.Length(max=50), allow_none=True,
                         metadata={"description": "姓名：咨询可不填，投诉举报必填；仅办理人员可见"})
    phone = fields.String(validate=validate.Length(max=20), allow_none=True,
                          metadata={"description": "联系电话：咨询可不填，投诉举报必填；仅办理人员可见"})


class FeedbackReceiptSchema(Schema):
    number = fields.String()
    code = fields.String(metadata={"description": "查询码，只显示这一次"})
    kind = fields.String()
    state = fields.String()
    deadline = OfficeDate()


class FeedbackTrackQuerySchema(Schema):
    number = fields.String(required=True, validate=validate.Length(min=1, max=30))
    code = fields.String(required=True, validate=validate.Length(min=1, max=20))


class FeedbackStepSchema(Schema):
    action = fields.String()
    date = OfficeDate()


class PublicFeedbackSchema(Schema):
    number = fields.String()
    kind = fields.String()
    kind_label = fields.String()
    subject_kind_label = fields.String()
    subject = fields.String()
    title = fields.String()
    content = fields.String()
    contact_name = fields.String(allow_none=True, metadata={"description": "已脱敏"})
    state = fields.String(metadata={"enum": list(STATES)})
    state_label = fields.String()
    submitted_on = OfficeDate()
    deadline = OfficeDate()
    department = fields.String(allow_none=True)
    answer = fields.String(allow_none=True)
    answered_on = OfficeDate(allow_none=True)
    reason = fields.String(allow_none=True)
    steps = fields.List(fields.Nested(FeedbackStepSchema))


class FaqQuerySchema(Schema):
    item = fields.String(validate=validate.Length(max=50), metadata={"description": "事项编码"})


class FaqEntrySchema(Schema):
    number = fields.String()
    item_code = fields.Function(lambda r: r.item.code)
    item_name = fields.Function(lambda r: r.item.name)
    question = fields.String(attribute="content")
    title = fields.String()
    answer = fields.String()
    answered_at = fields.DateTime()


class FeedbackQuerySchema(Schema):
    kind = fields.String(validate=validate.OneOf(list(KINDS)))
    state = fields.String(validate=validate.OneOf(list(STATES)))
    colour = fields.String(validate=validate.OneOf(["green", "yellow", "red"]))


class StaffEventSchema(Schema):
    step = fields.String()
    step_label = fields.Function(lambda e: STEP_LABELS.get(e.step, e.step))
    action = fields.String()
    actor = fields.Function(lambda e: e.actor.display_name if e.actor else "诉求人")
    opinion = fields.String(allow_none=True)
    occurred_at = fields.DateTime()


class FeedbackSummarySchema(Schema):
    number = fields.String()
    kind = fields.String()
    title = fields.String()
    subject = fields.Function(subject_label)
    state = fields.String()
    step = fields.String(allow_none=True)
    department_code = fields.Function(lambda r: r.department.code if r.department else None)
    deadline = OfficeDate()
    submitted_at = fields.DateTime()
    remaining_working_days = fields.Function(lambda r: time_status(r)["remaining_working_days"])
    colour = fields.Function(lambda r: time_status(r)["colour"])
    on_time = fields.Function(lambda r: time_status(r)["on_time"])
    contact_name = fields.Function(lambda r: mask_person_name(r.contact_name))


class FeedbackDetailSchema(FeedbackSummarySchema):
    """For the handling staff: the contact in full."""

    content = fields.String()
    contact_name = fields.String(allow_none=True)
    contact_phone = fields.String(allow_none=True)
    answer = fields.String(allow_none=True)
    publishable = fields.Boolean()
    satisfaction = WholeNumber(allow_none=True)
    visit_note = fields.String(allow_none=True)
    candidate_groups = fields.List(fields.String())
    history = fields.List(fields.Nested(StaffEventSchema), attribute="events")


class SupervisionFeedbackSchema(FeedbackSummarySchema):
    contact_phone = fields.Function(lambda r: mask_phone(r.contact_phone))


class AcceptSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(["route", "reject"]),
                             metadata={"description": "route 受理并转办 | reject 不予受理（须填理由）"})
    department = fields.String(validate=validate.Length(max=40), metadata={"description": "责任部门编码"})
    opinion = fields.String(validate=validate.Length(max=1000), allow_none=True)


class DraftSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(["draft", "return"]),
                             metadata={"description": "draft 提交签发 | return 退回受理环节（非本部门职责，须填理由）"})
    answer = fields.String(validate=validate.Length(max=4000), allow_none=True)
    publishable = fields.Boolean(load_default=False, metadata={"description": "咨询答复可公开至事项常见问题"})
    opinion = fields.String(validate=validate.Length(max=1000), allow_none=True)


class SignOffSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(["approve", "return"]),
                             metadata={"description": "approve 签发答复 | return 退回重拟（须填理由）"})
    opinion = fields.String(validate=validate.Length(max=1000), allow_none=True)


class VisitSchema(Schema):
    decision = fields.String(load_default="close", validate=validate.OneOf(["close"]))
    satisfaction = WholeNumber(required=True, validate=validate.OneOf(list(GRADES)),
                                  metadata={"description": "1 非常满意 | 2 满意 | 3 基本满意 | 4 不满意 | 5 非常不满意"})
    note = fields.String(validate=validate.Length(max=1000), allow_none=True)
