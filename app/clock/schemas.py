from marshmallow import Schema, fields, validate

from app.schema_fields import OfficeDate, WholeNumber

from .models import PAUSE_KINDS
from .pauses import clock_state


_KIND_HELP = " | ".join(f"{code} {label}" for code, label in PAUSE_KINDS.items())


def _case_clock(case) -> dict:
    return {
        "case_no": case.case_no,
        "clock_state": clock_state(case),
        "deadline": case.deadline.isoformat() if case.deadline else None,
        "legal_deadline": case.legal_deadline.isoformat() if case.legal_deadline else None,
    }


class PauseStartSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(list(PAUSE_KINDS)),
                         metadata={"description": _KIND_HELP})
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000),
                           metadata={"description": "暂停理由（将告知申请人）"})
    expected_days = WholeNumber(allow_none=True, validate=validate.Range(min=1, max=365),
                                   metadata={"description": "预计所需工作日（用于特别程序到期预警）"})


class PauseEndSchema(Schema):
    note = fields.String(load_default="", validate=validate.Length(max=2000),
                         metadata={"description": "结束说明，如“听证已举行”“补正材料已收到”"})


class ExtensionRequestSchema(Schema):
    days = WholeNumber(required=True, validate=validate.Range(min=1, max=15),
                          metadata={"description": "延长的工作日数：一般事项1–10，并联审批事项1–15"})
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000),
                           metadata={"description": "延长理由（须告知申请人）"})


class ExtensionDecisionSchema(Schema):
    approve = fields.Boolean(required=True, metadata={"description": "true 批准（按申请的天数延长）| false 不予批准"})
    note = fields.String(load_default="", validate=validate.Length(max=2000),
                         metadata={"description": "审批意见；不予批准时必填"})


class ExtensionRequestRecordSchema(Schema):
    id = WholeNumber()
    days = WholeNumber()
    reason = fields.String()
    state = fields.String(metadata={"description": "pending 待批准 | approved 已批准 | declined 不予批准"})
    state_label = fields.String()
    requested_at = fields.DateTime()
    requested_by = fields.Function(lambda r: r.requested_by.display_name if r.requested_by else None)
    decided_at = fields.DateTime(allow_none=True)
    decided_by = fields.Function(lambda r: r.decided_by.display_name if r.decided_by else None, allow_none=True)
    decision_note = fields.String(allow_none=True)
    case = fields.Function(lambda r: _case_clock(r.case))


class PauseSchema(Schema):
    id = WholeNumber()
    kind = fields.String()
    kind_label = fields.String()
    special_procedure_code = fields.String(attribute="gbt_code", allow_none=True,
                                           metadata={"description": "GB/T 39046 特别程序代码（2 其他），补正为空"})
    reason = fields.String()
    department = fields.String(attribute="department_code", allow_none=True)
    expected_days = WholeNumber(allow_none=True)
    expected_end_on = OfficeDate(allow_none=True)
    started_at = fields.DateTime()
    started_on = OfficeDate()
    started_by = fields.Function(lambda p: p.started_by.display_name if p.started_by else None)
    ended_at = fields.DateTime(allow_none=True)
    ended_on = OfficeDate(allow_none=True)
    ended_by = fields.Function(lambda p: p.ended_by.display_name if p.ended_by else None, allow_none=True)
    end_note = fields.String(allow_none=True)
    paused_working_days = WholeNumber(allow_none=True, metadata={"description": "[开始日, 结束日) 内的工作日数"})
    case = fields.Function(lambda p: _case_clock(p.case))


class ExtensionSchema(Schema):
    id = WholeNumber()
    days = WholeNumber()
    reason = fields.String()
    special_procedure_code = fields.Constant("1", metadata={"description": "GB/T 39046 特别程序代码 1 延长审批"})
    previous_deadline = OfficeDate()
    previous_legal_deadline = OfficeDate()
    decided_at = fields.DateTime()
    decided_by = fields.Function(lambda e: e.decided_by.display_name if e.decided_by else None)
    case = fields.Function(lambda e: _case_clock(e.case))
