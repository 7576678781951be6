from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.applicants.query_code import QUERY_CODE_RULE
from app.schema_fields import OfficeDate, WholeNumber

from .indicators import indicator_problems
from .models import CHANNELS, FOLLOW_UP_STATES, GRADES, RECTIFICATION_REVIEW_DECISIONS

#: the channels a citizen rates on by themselves; the window channel is entered at the window (一次一评)
PUBLIC_CHANNELS = [channel for channel in CHANNELS if channel != "window"]
INDICATORS_DOC = ("国家评价指标，指标代码 → 1..5（网上：efficiency 办事效率、guide_accuracy 办事指南精确度、"
                  "convenience 办事便捷度、usability 平台操作性；现场：service_efficiency 服务效率、"
                  "service_level 服务水平、service_attitude 服务态度），该渠道的每项指标必填")


def _indicators_field():
    return fields.Dict(keys=fields.String(), values=fields.Raw(allow_none=True), load_default=None, allow_none=True,
                       metadata={"description": INDICATORS_DOC})


def _check_indicators(channel, data):
    problems = indicator_problems(channel, data.get("indicators"))
    if problems:
        raise ValidationError({"indicators": problems})


class PublicRatingSchema(Schema):
    case_no = fields.String(required=True, validate=validate.Length(min=1, max=50))
    code = fields.String(required=True, validate=validate.Length(min=1, max=20),
                         metadata={"description": f"查询码：{QUERY_CODE_RULE}"})
    channel = fields.String(required=True, validate=validate.OneOf(PUBLIC_CHANNELS),
                            metadata={"description": "web 网站 | app 移动端 | sms 短信（窗口评价由窗口录入）"})
    grade = WholeNumber(required=True, validate=validate.OneOf(list(GRADES)),
                           metadata={"description": "1 非常满意 | 2 满意 | 3 基本满意 | 4 不满意 | 5 非常不满意"})
    text = fields.String(validate=validate.Length(max=1000), allow_none=True)
    indicators = _indicators_field()

    @validates_schema
    def _indicators_of_the_channel(self, data, **_kwargs):
        if data.get("channel") in PUBLIC_CHANNELS:
            _check_indicators(data["channel"], data)


class WindowRatingSchema(Schema):
    grade = WholeNumber(required=True, validate=validate.OneOf(list(GRADES)),
                           metadata={"description": "1 非常满意 | 2 满意 | 3 基本满意 | 4 不满意 | 5 非常不满意"})
    text = fields.String(validate=validate.Length(max=1000), allow_none=True)
    indicators = _indicators_field()

    @validates_schema
    def _on_site_indicators(self, data, **_kwargs):
        _check_indicators("window", data)


class RatingSchema(Schema):
    id = WholeNumber()
    case_no = fields.Function(lambda r: r.case.case_no)
    channel = fields.String()
    grade = WholeNumber()
    grade_label = fields.Function(lambda r: GRADES[r.grade])
    text = fields.String(allow_none=True)
    indicators = fields.Dict(keys=fields.String(), values=WholeNumber(), allow_none=True)
    indicator_version = fields.String(allow_none=True)
    created_at = fields.DateTime()
    department_code = fields.Function(lambda r: r.department.code)
    excluded = fields.Boolean()
    follow_up_state = fields.String(allow_none=True, metadata={"enum": list(FOLLOW_UP_STATES)})
    rectification_deadline = OfficeDate(allow_none=True)
    rectification_note = fields.String(allow_none=True)
    rectification_review_note = fields.String(allow_none=True)
    rectification_reviewed_at = fields.DateTime(allow_none=True)
    appeal_reason = fields.String(allow_none=True)
    appeal_note = fields.String(allow_none=True)


class PublicRatingReceiptSchema(Schema):
    id = WholeNumber()
    channel = fields.String()
    grade = WholeNumber()
    created_at = fields.DateTime()


class RatingQuerySchema(Schema):
    follow_up_state = fields.String(validate=validate.OneOf(list(FOLLOW_UP_STATES)))


class RectificationSchema(Schema):
    note = fields.String(required=True, validate=validate.Length(min=1, max=1000))


class RatingAppealSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=1000))


class RatingAppealDecisionSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(["upheld", "rejected"]),
                             metadata={"description": "upheld 申诉成立（不计入统计） | rejected 驳回"})
    note = fields.String(validate=validate.Length(max=1000), allow_none=True)


class RectificationReviewSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(list(RECTIFICATION_REVIEW_DECISIONS)),
                             metadata={"description": "accepted 整改通过 | returned 退回重新整改（须说明理由）"})
    note = fields.String(validate=validate.Length(max=1000), allow_none=True)


class RatingStatisticsQuerySchema(Schema):
    date_from = OfficeDate(data_key="from")
    date_to = OfficeDate(data_key="to")


class IndicatorAverageSchema(Schema):
    code = fields.String()
    name = fields.String()
    count = WholeNumber()
    average = fields.Float()


class RatingStatisticsRowSchema(Schema):
    code = fields.String()
    name = fields.String()
    count = WholeNumber()
    satisfied_share = fields.Float()
    bad_count = WholeNumber()
    rectified_count = WholeNumber()
    indicators = fields.List(fields.Nested(IndicatorAverageSchema),
                             metadata={"description": "各评价指标的平均分（1 非常满意 … 5 非常不满意）"})


class RatingStatisticsSchema(Schema):
    departments = fields.List(fields.Nested(RatingStatisticsRowSchema))
    items = fields.List(fields.Nested(RatingStatisticsRowSchema))
