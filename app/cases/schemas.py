from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.applicants.identity import mask_id_number, mask_phone
from app.network.agent_schema import AgentSchema, agent_of, receiving_of
from app.schema_fields import OfficeDate, WholeNumber

from .privacy import applicant_identity, case_form, case_query_code
from app.clock import pauses as _clock
from app.clock import schemas as _clock_schemas

from app.files.schemas import ReuseItemSchema, case_materials_with_files

from .events import EVENT_LABELS
from .models import APPLICANT_KINDS, CASE_RESULTS, CASE_STATUSES, WINDOW_ISSUE_METHODS

_CODE = validate.Length(min=1, max=40)
_PHONE = validate.Regexp(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$", error="请输入11位手机号或带区号的固定电话")


class ApplicantSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(list(APPLICANT_KINDS)),
                         metadata={"description": "person（自然人，身份证号）| organisation（统一社会信用代码）"})
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    id_number = fields.String(required=True, validate=validate.Length(min=1, max=30))
    phone = fields.String(required=True, validate=[validate.Length(max=20), _PHONE])


class _AcceptanceDecisionSchema(Schema):
    materials = fields.List(fields.String(validate=_CODE), required=True, validate=validate.Length(max=100),
                            metadata={"description": "已收取的材料编码"})
    decision = fields.String(required=True, validate=validate.OneOf(["accept", "supplement", "refuse"]),
                             metadata={"description": "accept 受理 | supplement 补正一次告知 | refuse 不予受理"})
    missing = fields.List(fields.String(validate=_CODE), validate=validate.Length(max=100),
                          metadata={"description": "需补正的材料编码（未收取的必要材料自动列入）"})
    reason = fields.String(validate=validate.Length(max=2000), allow_none=True,
                           metadata={"description": "不予受理理由 / 补正说明"})


#: the answers of an application form (一表申请); the server validates them against the item's form
FORM_ANSWERS = dict(
    keys=fields.String(validate=validate.Length(min=1, max=64)), allow_none=True,
    validate=validate.Length(max=200),
    metadata={"description": "申请表数据（按事项版本的 form-js 申请表校验；错误见 errors.json.form.<字段键>）"})


class CaseCreateSchema(_AcceptanceDecisionSchema):
    item_code = fields.String(required=True, validate=validate.Length(min=1, max=50),
                              metadata={"description": "实施编码，或通办事项的基本编码（配合 region）"})
    applicant = fields.Nested(ApplicantSchema, required=True)
    reuse = fields.List(fields.Nested(ReuseItemSchema), load_default=list, validate=validate.Length(max=100),
                        metadata={"description": "材料复用（免提交）：POST /materials/reusable 提供的历史文件或证照"})
    scans = fields.List(WholeNumber(strict=True), load_default=list, validate=validate.Length(max=100),
                        metadata={"description": "受理前暂存的扫描件编号（POST /items/{code}/materials/{material}/scans），"
                                                 "归入新办件，其材料计为已收取；须为本人暂存且未归入办件"})
    form = fields.Dict(**FORM_ANSWERS)
    region = fields.String(validate=[validate.Length(max=12),
                                     validate.Regexp(r"^\d{6}(\d{3}){0,2}$", error="行政区划代码为6、9或12位数字")],
                           allow_none=True, metadata={"description": "通办：办件所属区划，由该区划的实施部门办理"})
    agent = fields.Nested(AgentSchema, allow_none=True, metadata={"description": "代办：代办人与授权委托书"})


class SupplementSchema(_AcceptanceDecisionSchema):
    decision = fields.String(load_default="accept", validate=validate.OneOf(["accept", "supplement", "refuse"]))


class IssueSchema(Schema):
    method = fields.String(required=True, validate=validate.OneOf(list(WINDOW_ISSUE_METHODS)),
                           metadata={"description": "window 窗口领取 | post 邮寄送达 | agent 代办员代领"})
    tracking_no = fields.String(validate=validate.Length(max=50), allow_none=True)
    recipient = fields.String(validate=validate.Length(max=100), allow_none=True,
                              metadata={"description": "领取人/签收人（窗口领取、代办员代领时必填）"})
    recipient_id_number = fields.String(
        validate=validate.Length(max=18), allow_none=True, load_only=True,
        metadata={"description": "领取人身份证号码（窗口领取、代办员代领时必填，须与申请人或代办人一致，否则须核验授权委托书）；"
                                 "只保存后4位，不写入日志"})
    authorised = fields.Boolean(load_default=False,
                                metadata={"description": "领取人非申请人本人：已核验申请人的授权委托书"})
    confirmed = fields.Boolean(load_default=False, metadata={"description": "申请人已当面签字确认领取"})

    @validates_schema
    def _post_needs_tracking(self, data, **kwargs):
        if data.get("method") == "post" and not (data.get("tracking_no") or "").strip():
            raise ValidationError("邮寄送达须填写快递单号", field_name="tracking_no")


class BatchIssueSchema(IssueSchema):
    """批量出件: several cases ready for issue, collected at the window by one recipient."""

    case_nos = fields.List(fields.String(validate=validate.Length(min=1, max=50)), required=True,
                           validate=validate.Length(min=1, max=50, error="请选择1至50个办件"))
    method = fields.String(load_default="window", validate=validate.Equal("window", error="批量出件只能窗口领取"))


class EventSchema(Schema):
    seq = WholeNumber()
    occurred_at = fields.DateTime()
    action = fields.String()
    label = fields.Function(lambda e: EVENT_LABELS.get(e.action, e.action))
    actor = fields.String(attribute="actor_name")
    task_id = fields.String(allow_none=True)
    step = fields.String(allow_none=True)
    decision = fields.String(allow_none=True)
    opinion = fields.String(allow_none=True)
    detail = fields.Dict()
    hash = fields.String()


class OpenTaskSchema(Schema):
    id = fields.String()
    step = fields.String()
    name = fields.String()
    department = fields.String(attribute="department_code", allow_none=True)
    subject = fields.String(allow_none=True)
    candidate_groups = fields.List(fields.String())
    created_at = fields.DateTime()


class CaseSummarySchema(Schema):
    case_no = fields.String()
    status = fields.String()
    status_label = fields.Function(lambda c: CASE_STATUSES.get(c.status))
    result = fields.String(allow_none=True)
    result_label = fields.Function(lambda c: CASE_RESULTS.get(c.result), allow_none=True)
    item = fields.Function(lambda c: {"code": c.item.code, "name": c.item.name, "version": c.item.version})
    applicant = fields.Function(lambda c: {
        "kind": c.applicant_kind,
        "name": c.applicant_name,
        "id_number": mask_id_number(c.applicant_id_number),
        "phone": mask_phone(c.applicant_phone),
    })
    received_at = fields.DateTime()
    accepted_at = fields.DateTime(allow_none=True)
    deadline = OfficeDate(allow_none=True, metadata={"description": "承诺办结期限（工作日计）"})
    legal_deadline = OfficeDate(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)
    decided_at = fields.DateTime(allow_none=True, metadata={"description": "作出决定的时间（计时停止）"})
    clock_state = fields.Function(
        lambda c: _clock.clock_state(c),
        metadata={"description": "not_started 未起算 | running 计时中 | paused 暂停计时 | stopped 已停止"})
    warning_level = fields.String(allow_none=True,
                                  metadata={"description": "电子监察等级 green | warning | yellow | red"})
    receiving_centre = fields.Function(
        lambda c: {"code": c.receiving_centre.code, "name": c.receiving_centre.name} if c.receiving_centre else None,
        allow_none=True, metadata={"description": "受理（收件）中心"})
    receiving_region_code = fields.String(metadata={"description": "受理地行政区划代码"})
    handling_region_code = fields.String(metadata={"description": "办理地（事项实施区域）行政区划代码"})
    tongban_scope = fields.String(allow_none=True,
                                  metadata={"description": "通办范围 city | province | national；本地受理为空"})


class CaseSchema(CaseSummarySchema):
    applicant = fields.Function(lambda c: applicant_identity(c),
                                metadata={"description": "证件号码和电话仅对窗口与承办部门完整显示，其余角色脱敏"})
    query_code = fields.Function(lambda c: case_query_code(c), allow_none=True, metadata={
        "description": "查询码（8位随机码，印在受理通知书上，申请人凭办件编号和查询码公开查询）；仅对该办件的受理窗口人员显示"})
    missing_materials = fields.List(fields.String())
    form = fields.Function(lambda c: case_form(c), allow_none=True, metadata={
        "description": "申请表：填写时事项版本的表单定义（schema）与申请人填写的数据（data）；数据仅对窗口与承办部门显示"})
    refusal_reason = fields.String(allow_none=True)
    materials = fields.Function(case_materials_with_files,
                                metadata={"description": "已收取的材料及其电子文件（谁在何时上传），另含办理附件"})
    issue_method = fields.String(allow_none=True)
    tracking_no = fields.String(allow_none=True)
    issued_at = fields.DateTime(allow_none=True)
    receiving = fields.Function(lambda c: receiving_of(c), metadata={"description": "受理中心与受理地区划"})
    handling_region_code = fields.String(metadata={"description": "办理地（事项实施区划）"})
    tongban_scope = fields.String(allow_none=True, metadata={"description": "通办范围 city | province | national"})
    agent = fields.Function(lambda c: agent_of(c), allow_none=True, metadata={"description": "代办人与授权委托书"})
    agent_delivered_at = fields.DateTime(allow_none=True, metadata={"description": "代办员交付申请人的时间"})
    project = fields.Function(lambda c: {"code": c.project.code, "name": c.project.name} if c.project else None,
                              allow_none=True, metadata={"description": "全程代办项目"})
    open_tasks = fields.Function(
        lambda c: OpenTaskSchema(many=True).dump([t for t in c.tasks if t.state == "ready"])
    )
    history = fields.Function(lambda c: EventSchema(many=True).dump(c.events))
    pauses = fields.Function(lambda c: _clock_schemas.PauseSchema(many=True, exclude=("case",)).dump(
        _clock.case_pauses(c)))
    extension = fields.Function(lambda c: _extension_of(c), allow_none=True)
    remaining_working_days = fields.Function(
        lambda c: _time_status(c)["remaining_working_days"], allow_none=True,
        metadata={"description": "距承诺期限剩余工作日（实时计算；负数为超期工作日）"})
    colour = fields.Function(lambda c: _time_status(c)["colour"], allow_none=True,
                             metadata={"description": "green | yellow | red，规则同待办列表"})


def _time_status(case):
    from app.supervision.colours import case_time_status

    return case_time_status(case)


def _extension_of(case):
    from app.clock.extension import case_extension

    extension = case_extension(case)
    return _clock_schemas.ExtensionSchema(exclude=("case",)).dump(extension) if extension else None


class CaseQuerySchema(Schema):
    status = fields.String(validate=validate.OneOf(list(CASE_STATUSES)))
    item_code = fields.String(validate=validate.Length(max=50))
    limit = WholeNumber(load_default=50, validate=validate.Range(min=1, max=200))
