from marshmallow import Schema, fields, validate

from app.applicants.identity import mask_person_name

from .models import TASK_STATES


class TaskSchema(Schema):
    id = fields.String()
    case_no = fields.Function(lambda t: t.case.case_no)
    item = fields.Function(lambda t: {"code": t.case.item.code, "name": t.case.item.name})
    applicant = fields.Function(
        lambda t: t.case.applicant_name if t.case.applicant_kind == "organisation"
        else mask_person_name(t.case.applicant_name)
    )
    step = fields.String(metadata={"description": "环节代码，如 handle 承办、review 审核、approve 审批"})
    name = fields.String()
    department = fields.String(attribute="department_code", allow_none=True)
    subject = fields.String(allow_none=True, metadata={"description": "会签实例对应的协办部门"})
    candidate_groups = fields.List(fields.String())
    assignee = fields.String(allow_none=True)
    decisions = fields.List(fields.String(), attribute="allowed_decisions")
    state = fields.String()
    state_label = fields.Function(lambda t: TASK_STATES.get(t.state))
    created_at = fields.DateTime()
    case_deadline = fields.Function(lambda t: t.case.deadline.isoformat() if t.case.deadline else None)


class TaskQuerySchema(Schema):
    case_no = fields.String(validate=validate.Length(max=50))
    item_code = fields.String(validate=validate.Length(max=50))
    step = fields.String(validate=validate.Length(max=40))


class TaskCompletionSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(["approve", "reject", "return"]),
                             metadata={"description": "approve 通过 | reject 不予许可 | return 退回上一环节"})
    opinion = fields.String(validate=validate.Length(max=2000), allow_none=True,
                            metadata={"description": "审批意见；不予许可和退回时必填"})
