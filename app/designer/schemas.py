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
