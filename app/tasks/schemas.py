from marshmallow import Schema, fields, validate

from app.applicants.identity import mask_person_name
from app.clock.pauses import clock_state
from app.supervision.colours import case_time_status

from .display import task_department_label, task_step_label
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
    department_name = fields.Function(task_department_label, allow_none=True,
                                      metadata={"description": "并联审批环节所属部门（单部门办件为空）"})
    step_label = fields.Function(task_step_label,
                                 metadata={"description": "显示用环节名称，并联环节带部门，如“协办部门审批（消防救援支队）”"})
    candidate_groups = fields.List(fields.String())
    assignee = fields.String(allow_none=True)
    decisions = fields.List(fields.String(), attribute="allowed_decisions")
    state = fields.String()
    state_label = fields.Function(lambda t: TASK_STATES.get(t.state))
    created_at = fields.DateTime()
    case_deadline = fields.Function(lambda t: t.case.deadline.isoformat() if t.case.deadline else None)
    step_due_at = fields.DateTime(attribute="due_at", allow_none=True,
                                  metadata={"description": "本环节办理时限到期时间（超过即督办）"})
    remaining_working_days = fields.Function(
        lambda t: case_time_status(t.case)["remaining_working_days"], allow_none=True,
        metadata={"description": "距办件承诺期限剩余工作日（负数为超期工作日；暂停计时期间不减少）"})
    colour = fields.Function(
        lambda t: case_time_status(t.case)["colour"], allow_none=True,
        metadata={"description": "green 正常（剩余>1个工作日）| yellow 临期（0–1）| red 超期；阈值见 rules/supervision.toml"})
    case_clock_state = fields.Function(lambda t: clock_state(t.case),
                                       metadata={"description": "办件计时状态 running | paused"})
    transferred = fields.Boolean(metadata={"description": "已转办：只有 assignee 可以办理"})
    delegated_by = fields.String(allow_none=True, metadata={"description": "委派人：受托人回复意见后任务回到委派人"})
    cosigners = fields.Function(
        lambda t: [{"user": c.user.username, "name": c.user.display_name, "signed": c.signed_at is not None,
                    "opinion": c.opinion} for c in t.cosigners],
        metadata={"description": "加签人及签署情况；全部签署后方可办理"})
    case_warning_level = fields.Function(lambda t: t.case.warning_level, allow_none=True,
                                         metadata={"description": "最近一次电子监察计算的办件等级"})


class TaskQuerySchema(Schema):
    case_no = fields.String(validate=validate.Length(max=50))
    item_code = fields.String(validate=validate.Length(max=50))
    step = fields.String(validate=validate.Length(max=40))


class TaskCompletionSchema(Schema):
    decision = fields.String(required=True,
                             validate=validate.OneOf(["approve", "reject", "return", "acknowledge", "redispatch"]),
                             metadata={"description": "approve 通过 | reject 不予许可 | return 退回上一环节 | "
                                                      "acknowledge 督办签收（督办任务）| redispatch 重新转办（超时退回任务）"})
    opinion = fields.String(validate=validate.Length(max=2000), allow_none=True,
                            metadata={"description": "审批意见；不予许可和退回时必填"})


class TaskTransferSchema(Schema):
    to_user = fields.String(required=True, validate=validate.Length(min=1, max=80),
                            metadata={"description": "接收人用户名：须属于本环节的部门和岗位（同部门同岗位组）"})
    opinion = fields.String(validate=validate.Length(max=2000), allow_none=True,
                            metadata={"description": "转办说明"})


class TaskReturnSchema(Schema):
    to_step = fields.String(required=True, validate=validate.Length(min=1, max=100),
                            metadata={"description": "退回到的环节（BPMN 环节 id，见 returnable-steps）"})
    opinion = fields.String(required=True, validate=validate.Length(max=2000),
                            metadata={"description": "退回理由（必填）"})


class TaskWithdrawSchema(Schema):
    opinion = fields.String(validate=validate.Length(max=2000), allow_none=True,
                            metadata={"description": "撤回说明"})


class ReturnableStepSchema(Schema):
    step_id = fields.String(metadata={"description": "BPMN 环节 id，退回时作为 to_step"})
    step = fields.String(metadata={"description": "环节代码"})
    name = fields.String()
    completed_by = fields.String(allow_none=True)


class TaskDelegateSchema(Schema):
    to_user = fields.String(required=True, validate=validate.Length(min=1, max=80),
                            metadata={"description": "受托人/加签人用户名（委派须为本部门工作人员）"})
    opinion = fields.String(validate=validate.Length(max=2000), allow_none=True, metadata={"description": "说明"})


class TaskSignSchema(Schema):
    opinion = fields.String(required=True, validate=validate.Length(max=2000), metadata={"description": "加签意见"})
