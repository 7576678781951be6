from marshmallow import Schema, ValidationError, fields, validate

from app.schema_fields import WholeNumber
from app.workflow.validation import MAX_BPMN_BYTES

#: a plain file name: no directories, no control characters, ending in .bpmn
_FILE_NAME = validate.Regexp(r"^[^/\\\x00-\x1f]+\.bpmn$", error="文件名须以 .bpmn 结尾，且不能包含路径分隔符")


def _utf8_size(value: str) -> int:
    try:
        return len(value.encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate such as "\ud800" from the JSON body
        raise ValidationError("含有无效的字符") from None


def _at_most_one_mib(value: str) -> None:
    if _utf8_size(value) > MAX_BPMN_BYTES:
        raise ValidationError("BPMN 文件不能超过 1 MiB")


class BpmnUploadSchema(Schema):
    file_name = fields.String(required=True, validate=[validate.Length(min=6, max=200), _FILE_NAME, _utf8_size],
                              metadata={"description": "文件名，如 standard_approval.bpmn（≤200 字符）"})
    bpmn_xml = fields.String(required=True, validate=[validate.Length(min=1, max=1024 * 1024), _at_most_one_mib],
                             metadata={"description": "BPMN 2.0 XML 全文（bpmn-js saveXML 的结果，UTF-8 ≤ 1 MiB）"})


class ProblemSchema(Schema):
    element_id = fields.String(allow_none=True, metadata={"description": "出错元素的 ID（供建模器高亮），文件级问题为 null"})
    element_name = fields.String(allow_none=True)
    message = fields.String()
    line = WholeNumber(allow_none=True, metadata={"description": "XML 行号（如可确定）"})


class ValidationResultSchema(Schema):
    valid = fields.Boolean()
    problems = fields.List(fields.Nested(ProblemSchema))


class DefinitionSchema(Schema):
    process_key = fields.String()
    name = fields.String()
    version = WholeNumber()
    latest = fields.Boolean(metadata={"description": "是否为该流程的最新版本（新办件使用最新版本）"})
    content_hash = fields.String()
    bpmn_file = fields.String()
    deployed_at = fields.DateTime()
    deployed_by = fields.String(allow_none=True)
    running_instances = WholeNumber(metadata={"description": "仍在此版本上运行的办件数"})


class DefinitionSourceSchema(DefinitionSchema):
    bpmn_xml = fields.String()


class DeployedSchema(DefinitionSchema):
    new_version = fields.Boolean(metadata={"description": "本次部署是否产生了新版本（内容未变则沿用原版本）"})


class DraftSaveSchema(BpmnUploadSchema):
    base_version = WholeNumber(allow_none=True, validate=validate.Range(min=1),
                                  metadata={"description": "草稿所基于的已部署版本"})
    revision = WholeNumber(allow_none=True, validate=validate.Range(min=0),
                              metadata={"description": "编辑器加载时草稿的保存次数；与服务器不一致时拒绝（409）"})
    note = fields.String(allow_none=True, validate=validate.Length(max=500), metadata={"description": "修改原因"})


class NoteSchema(Schema):
    note = fields.String(load_default="", validate=validate.Length(max=500))


class ProcessDraftSchema(Schema):
    id = WholeNumber()
    process_key = fields.String()
    file_name = fields.String()
    base_version = WholeNumber(allow_none=True)
    status = fields.String(metadata={"description": "draft 草稿 | in_review 审核中 | deployed 已部署 | withdrawn"})
    note = fields.String()
    revision = WholeNumber()
    created_by = fields.String()
    updated_by = fields.String()
    updated_at = fields.DateTime()
    submitted_by = fields.String(allow_none=True)
    submitted_at = fields.DateTime(allow_none=True)
    reviewed_by = fields.String(allow_none=True)
    reviewed_at = fields.DateTime(allow_none=True)
    review_note = fields.String(allow_none=True)
    deployed_version = WholeNumber(allow_none=True)


class ProcessDraftSourceSchema(ProcessDraftSchema):
    bpmn_xml = fields.String()


class ApprovedSchema(Schema):
    draft = fields.Nested(ProcessDraftSchema)
    deployed = fields.List(fields.Nested(DeployedSchema))


class HistoryEntrySchema(Schema):
    version = WholeNumber()
    latest = fields.Boolean()
    deployed_at = fields.DateTime()
    deployed_by = fields.String(allow_none=True)
    approved_by = fields.String(allow_none=True)
    note = fields.String()
    content_hash = fields.String()
    running_instances = WholeNumber()


class DryRunRequestSchema(Schema):
    item_code = fields.String(required=True, validate=validate.Length(min=1, max=64))
    decisions = fields.Dict(keys=fields.String(validate=validate.Length(max=100)),
                            values=fields.String(validate=validate.OneOf(
                                ["accept", "supplement", "refuse", "approve", "reject", "return"])),
                            load_default=dict, metadata={"description": "环节元素 ID → 首次到达时的决定"})
    refusing = fields.List(fields.String(validate=validate.Length(max=40)), load_default=list,
                           validate=validate.Length(max=50), metadata={"description": "不同意的协办部门代码"})


class DryRunTaskSchema(Schema):
    element_id = fields.String()
    name = fields.String()
    form_key = fields.String(allow_none=True)
    step = fields.String(allow_none=True)
    step_limit_days = fields.String(allow_none=True)
    candidate_groups = fields.List(fields.String())
    people = fields.List(fields.String())
    people_count = WholeNumber()
    due_at = fields.DateTime(allow_none=True)
    co_department = fields.String(allow_none=True)
    decision = fields.String(allow_none=True)


class DryRunResultSchema(Schema):
    completed = fields.Boolean()
    path = fields.List(fields.String())
    tasks = fields.List(fields.Nested(DryRunTaskSchema))
    waiting = fields.List(fields.String())
    error = fields.String(allow_none=True)
    error_element = fields.String(allow_none=True)


class DiffElementSchema(Schema):
    id = fields.String()
    type = fields.String()
    name = fields.String()


class DiffSchema(Schema):
    added = fields.List(fields.Nested(DiffElementSchema))
    removed = fields.List(fields.Nested(DiffElementSchema))
    changed = fields.List(fields.Nested(DiffElementSchema))
