from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.schema_fields import OfficeDate, WholeNumber

from .models import APPEAL_DECISIONS, CARD_STATUSES
from .network_statistics import GROUPINGS
from .rules import LEVEL_LABELS


_LEVELS = validate.OneOf(["warning", "yellow", "red"])


class SupervisedCaseQuerySchema(Schema):
    level = fields.String(validate=_LEVELS, metadata={"description": "warning 预警 | yellow 黄牌 | red 红牌；缺省为三者"})
    department = fields.String(validate=validate.Length(max=40), metadata={"description": "实施（牵头）部门代码"})
    include_decided = fields.Boolean(load_default=False, metadata={"description": "包括已作出决定的办件"})
    limit = WholeNumber(load_default=100, validate=validate.Range(min=1, max=500))


class SupervisedCaseSchema(Schema):
    case_no = fields.Function(lambda r: r["case"].case_no)
    item = fields.Function(lambda r: {"code": r["case"].item.code, "name": r["case"].item.name})
    department = fields.Function(lambda r: r["case"].item.department.code)
    status = fields.Function(lambda r: r["case"].status)
    clock_state = fields.Function(lambda r: _clock_state(r["case"]))
    warning_level = fields.Function(lambda r: r["case"].warning_level)
    warning_level_label = fields.Function(lambda r: LEVEL_LABELS.get(r["case"].warning_level))
    accepted_at = fields.Function(lambda r: r["case"].accepted_at.isoformat() if r["case"].accepted_at else None)
    deadline = fields.Function(lambda r: r["case"].deadline.isoformat() if r["case"].deadline else None)
    legal_deadline = fields.Function(
        lambda r: r["case"].legal_deadline.isoformat() if r["case"].legal_deadline else None)
    procedure_end = fields.Function(lambda r: r["procedure_end"].isoformat() if r["procedure_end"] else None,
                                    metadata={"description": "暂停中的特别程序预计结束日期"})
    remaining_working_days = fields.Function(
        lambda r: r["measure"].remaining_promised if r["measure"] else None,
        metadata={"description": "距承诺期限剩余工作日（负数为超期工作日）"})
    remaining_legal_working_days = fields.Function(
        lambda r: r["measure"].remaining_legal if r["measure"] else None)


def _clock_state(case):
    from app.clock.pauses import clock_state

    return clock_state(case)


class CardQuerySchema(Schema):
    status = fields.String(validate=validate.OneOf(list(CARD_STATUSES)))
    level = fields.String(validate=validate.OneOf(["warning", "yellow", "red"]))
    department = fields.String(validate=validate.Length(max=40))
    limit = WholeNumber(load_default=100, validate=validate.Range(min=1, max=500))


class CardSchema(Schema):
    id = WholeNumber()
    case_no = fields.Function(lambda c: c.case.case_no)
    level = fields.String()
    level_label = fields.Function(lambda c: LEVEL_LABELS.get(c.level))
    reason = fields.String()
    status = fields.String()
    status_label = fields.Function(lambda c: CARD_STATUSES.get(c.status))
    department = fields.String(attribute="department_code")
    issued_at = fields.DateTime()
    appeal_reason = fields.String(allow_none=True)
    appealed_at = fields.DateTime(allow_none=True)
    appealed_by = fields.Function(lambda c: c.appealed_by.display_name if c.appealed_by else None,
                                  allow_none=True)
    decision = fields.String(allow_none=True)
    decision_label = fields.Function(lambda c: APPEAL_DECISIONS.get(c.decision), allow_none=True)
    decision_note = fields.String(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)
    decided_by = fields.Function(lambda c: c.decided_by.display_name if c.decided_by else None, allow_none=True)


class AppealSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000),
                           metadata={"description": "申诉理由"})


class AppealDecisionSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(list(APPEAL_DECISIONS)),
                             metadata={"description": "upheld 维持 | withdrawn 撤销（牌作废）| escalated 维持并督办"})
    note = fields.String(load_default="", validate=validate.Length(max=2000), metadata={"description": "处理意见"})


class StatisticsQuerySchema(Schema):
    date_from = OfficeDate(required=True, data_key="from", metadata={"description": "起始日期 YYYY-MM-DD（含）"})
    date_to = OfficeDate(required=True, data_key="to", metadata={"description": "截止日期 YYYY-MM-DD（含）"})
    group_by = fields.String(load_default="department", validate=validate.OneOf(list(GROUPINGS)),
                             metadata={"description": "region 区划 | centre 中心 | department 部门 | window 窗口 | person 人员"})
    region = fields.String(validate=[validate.Length(max=12), validate.Regexp(r"^\d{6}(\d{3}){0,2}$", error="行政区划代码为6、9或12位数字")],
                           metadata={"description": "只统计该区划（缺省为本人管辖区域）"})

    @validates_schema
    def _ordered(self, data, **kwargs):
        if "date_from" in data and "date_to" in data:
            if data["date_to"] < data["date_from"]:
                raise ValidationError("截止日期不能早于起始日期", field_name="to")
            if (data["date_to"] - data["date_from"]).days > 3660:
                raise ValidationError("统计区间不能超过10年", field_name="to")


class DepartmentStatisticsSchema(Schema):
    group_by = fields.String()
    key = fields.String(metadata={"description": "区划代码 / 中心编码 / 部门代码 / 窗口编码 / 用户名"})
    name = fields.String()
    department = fields.String(metadata={"description": "按部门统计时的部门代码"})
    department_name = fields.String()
    received = WholeNumber(metadata={"description": "期间收件件数（受理方）"})
    proxy_received = WholeNumber(metadata={"description": "代收：本地收件、异地办理的件数"})
    proxy_handled = WholeNumber(metadata={"description": "异地收件、本地办理的件数"})
    accepted = WholeNumber(metadata={"description": "期间受理件数"})
    finished = WholeNumber(metadata={"description": "期间办结（作出决定）件数"})
    on_time = WholeNumber(metadata={"description": "按承诺期限办结件数"})
    on_time_rate = fields.Float(allow_none=True, metadata={"description": "按时办结率 0–1"})
    overdue = WholeNumber(metadata={"description": "超期件数：期间超期办结 + 截至期末仍在办且已超期"})
    average_working_days_used = fields.Float(allow_none=True, metadata={"description": "平均用时（工作日，扣除暂停）"})


class RecomputeResultSchema(Schema):
    as_of = fields.String()
    scanned = WholeNumber()
    changed = WholeNumber()
    cards_issued = WholeNumber()
    levels = fields.Dict(keys=fields.String(), values=WholeNumber())
