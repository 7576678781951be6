"""Input and output schemas of the decision-table versions (every string bounded)."""
from marshmallow import Schema, fields, validate

from app.schema_fields import WholeNumber

from .models import DECISION_STATUSES

MAX_DMN = 1_000_000
NOTE = validate.Length(min=1, max=500)


class DecisionVersionSchema(Schema):
    decision_key = fields.String()
    number = WholeNumber()
    name = fields.String()
    file_name = fields.String()
    status = fields.String(metadata={"enum": list(DECISION_STATUSES)})
    note = fields.String(allow_none=True, metadata={"description": "为什么有这一版（提交说明；种子版本为来源文件）"})
    based_on = WholeNumber(allow_none=True, metadata={"description": "复制自哪一版（变更或回滚）"})
    created_by = fields.String(metadata={"description": "编制人；rules/ 表示由 rules/*.dmn 文件导入"})
    created_at = fields.DateTime()
    edited_by = fields.String(allow_none=True)
    edited_at = fields.DateTime(allow_none=True)
    submitted_by = fields.String(allow_none=True)
    submitted_at = fields.DateTime(allow_none=True)
    reviewed_by = fields.String(allow_none=True)
    reviewed_at = fields.DateTime(allow_none=True)
    review_note = fields.String(allow_none=True)
    deployed_at = fields.DateTime(allow_none=True)


class DecisionSourceSchema(DecisionVersionSchema):
    dmn_xml = fields.String()


class DecisionSummarySchema(Schema):
    key = fields.String()
    name = fields.String()
    file_name = fields.String()
    versions = WholeNumber()
    deployed = fields.Nested(DecisionVersionSchema, allow_none=True)
    open = fields.Nested(DecisionVersionSchema, allow_none=True, metadata={"description": "草稿或待审核版本"})


class NewDecisionDraftSchema(Schema):
    based_on = WholeNumber(load_default=None, validate=validate.Range(min=1),
                              metadata={"description": "回滚：从这一版复制；省略则从已部署版本复制"})


class DecisionDraftSchema(Schema):
    dmn_xml = fields.String(required=True, validate=validate.Length(min=1, max=MAX_DMN))
    note = fields.String(load_default=None, validate=validate.Length(max=500))


class DecisionSubmitSchema(Schema):
    note = fields.String(required=True, validate=NOTE, metadata={"description": "修改说明（为什么改）"})


class DecisionRejectSchema(Schema):
    reason = fields.String(required=True, validate=NOTE)


class DecisionTestSchema(Schema):
    inputs = fields.Dict(keys=fields.String(validate=validate.Length(max=100)),
                         values=fields.Raw(allow_none=True), required=True,
                         metadata={"description": "流程数据：变量名 → 值（空值视为未提供）"})
    dmn_xml = fields.String(load_default=None, validate=validate.Length(min=1, max=MAX_DMN),
                            metadata={"description": "草稿未保存的内容（只对草稿有效）"})


class DecisionRowSchema(Schema):
    id = fields.String()
    number = WholeNumber()
    description = fields.String()
    inputs = fields.List(fields.String())
    outputs = fields.List(fields.String())


class DecisionTestResultSchema(Schema):
    matched = fields.List(fields.Nested(DecisionRowSchema), metadata={"description": "满足条件的全部规则"})
    used = fields.List(fields.String(), metadata={"description": "引擎结果所取的规则（命中策略）"})
    output = fields.Dict(metadata={"description": "业务规则任务并入流程数据的结果"})
