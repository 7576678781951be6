"""Catalogue management API (事项编制与审核).

Roles: editors (事项编制) are designers; reviewers (事项审核) are approvers and heads of the department that is
the review authority the item's type calls for (rules/item_review.toml: 行政审批局, 司法局, 财政局, 人社局) in
the item's region or above; supervisors read. Admins pass every role check but still cannot review a
version they edited or submitted themselves."""
from flask import make_response
from flask_smorest import Blueprint
from flask_smorest.fields import Upload
from marshmallow import Schema, fields

from app.accounts.auth import BEARER_SECURITY, current_user, roles_required
from app.errors import InvalidInput
from app.schema_fields import WholeNumber
from app.transaction import transactional

from . import claims, versions, workbook
from .version_schemas import (
    ClaimSchema,
    FormSchemaInput,
    ItemElementsSchema,
    ItemVersionSchema,
    NewItemSchema,
    RejectSchema,
    RetireRequestSchema,
)
from .review import REVIEWER_ROLES
from .workbook import XLSX_MIMETYPE

EDITORS = ("designer",)
REVIEWERS = REVIEWER_ROLES
READERS = EDITORS + REVIEWERS + ("supervisor",)

blp = Blueprint("catalogue", __name__, url_prefix="/api/v1/catalogue",
                description="事项目录管理：版本（草稿→待审核→已发布→已停用）、审核、Excel 导入导出。"
                            "编制人：designer/admin；审核人：事项类型对应审核机关（rules/item_review.toml）的审批人/负责人或 admin，"
                            "且不能审核自己编制的版本。")
VERSION = "/items/<string:code>/versions/<int:version>"


def _actor() -> str:
    return current_user().username


@blp.post("/items")
@blp.arguments(NewItemSchema)
@blp.response(201, ItemVersionSchema)
@blp.alt_response(409, description="实施编码已存在")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*EDITORS)
@transactional
def create_item(args):
    """新建事项（第 1 版草稿）。编制人：designer、admin"""
    return versions.create_item(args, _actor())


@blp.post("/items/<string:code>/claims")
@blp.arguments(ClaimSchema)
@blp.response(201, ItemVersionSchema)
@blp.alt_response(404, description="被认领事项不存在或未发布")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*EDITORS)
@transactional
def claim_item(args, code):
    """认领：下级区域以自己的实施编码、实施主体（本区域部门）和不长于原事项的承诺时限实施该事项，生成新事项的第 1 版草稿，
    复制原事项的要素、材料和联办部门；经审核发布后受理。编制人：认领区域（或其上级）的 designer、admin"""
    return claims.claim_item(code, args, current_user())


@blp.get("/items/<string:code>/versions")
@blp.response(200, ItemVersionSchema(many=True))
@blp.alt_response(404, description="事项不存在")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*READERS)
def list_versions(code):
    """事项的全部版本（含草稿）。编制人与审核人可查看"""
    return versions.versions_of(code)


@blp.post("/items/<string:code>/versions")
@blp.response(201, ItemVersionSchema)
@blp.alt_response(404, description="事项不存在")
@blp.alt_response(409, description="已有未发布的草稿或待审核版本")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*EDITORS)
@transactional
def create_version(code):
    """变更事项：从最新版本复制全部要素、材料和联办部门，生成新的草稿版本。编制人：designer、admin"""
    return versions.new_draft(code, _actor())


@blp.get(VERSION)
@blp.response(200, ItemVersionSchema)
@blp.alt_response(404, description="版本不存在")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*READERS)
def get_version(code, version):
    """某一版本的要素、材料和审核记录。编制人与审核人可查看"""
    return versions.version_of(code, version)


@blp.put(VERSION)
@blp.arguments(ItemElementsSchema)
@blp.response(200, ItemVersionSchema)
@blp.alt_response(404, description="版本不存在")
@blp.alt_response(409, description="只有草稿可以修改（已发布版本不可变）")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*EDITORS)
@transactional
def update_version(args, code, version):
    """修改草稿的全部要素（含材料清单和联办部门）。编制人：designer、admin"""
    return versions.update_draft(code, version, args, _actor())


@blp.put(VERSION + "/form")
@blp.arguments(FormSchemaInput)
@blp.response(200, ItemVersionSchema)
@blp.alt_response(404, description="版本不存在")
@blp.alt_response(409, description="只有草稿可以修改")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*EDITORS)
@transactional
def update_form(args, code, version):
    """只替换草稿的申请表（form-js 表单设计器保存）；服务端无法校验的字段类型、无效正则、情形材料条件引用
    不存在的字段均 422。编制人：designer、admin"""
    return versions.update_form(code, version, args["form_schema"], _actor())


@blp.post(VERSION + "/submit")
@blp.response(200, ItemVersionSchema)
@blp.alt_response(404, description="版本不存在")
@blp.alt_response(409, description="不是草稿")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*EDITORS)
@transactional
def submit_version(code, version):
    """提交审核。编制人：designer、admin"""
    return versions.submit(code, version, _actor())


@blp.post(VERSION + "/approve")
@blp.response(200, ItemVersionSchema)
@blp.alt_response(403, description="编制人不能审核自己的版本")
@blp.alt_response(404, description="版本不存在")
@blp.alt_response(409, description="不是待审核版本")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*REVIEWERS)
@transactional
def approve_version(code, version):
    """审核通过并发布；同一事项原已发布的版本自动停用，在办件仍按原版本办理。审核人：审核机关审批人/负责人、admin（非编制人）"""
    return versions.approve(code, version, current_user())


@blp.post(VERSION + "/reject")
@blp.arguments(RejectSchema)
@blp.response(200, ItemVersionSchema)
@blp.alt_response(403, description="编制人不能审核自己的版本")
@blp.alt_response(404, description="版本不存在")
@blp.alt_response(409, description="不是待审核版本")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*REVIEWERS)
@transactional
def reject_version(args, code, version):
    """审核退回（说明理由），版本回到草稿。审核人：审核机关审批人/负责人、admin（非编制人）"""
    return versions.reject(code, version, current_user(), args["reason"])


@blp.post(VERSION + "/retire-request")
@blp.arguments(RetireRequestSchema)
@blp.response(200, ItemVersionSchema)
@blp.alt_response(404, description="版本不存在")
@blp.alt_response(409, description="不是已发布版本或已有停用申请")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*REVIEWERS)
@transactional
def request_retire(args, code, version):
    """申请停用已发布版本（须说明理由），由审核机关的另一名审批人/负责人确认后停用"""
    return versions.request_retire(code, version, current_user(), args["reason"])


@blp.post(VERSION + "/retire")
@blp.response(200, ItemVersionSchema)
@blp.alt_response(403, description="停用申请人不能自己确认")
@blp.alt_response(404, description="版本不存在")
@blp.alt_response(409, description="不是已发布版本或没有停用申请")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*REVIEWERS)
@transactional
def retire_version(code, version):
    """确认停用已发布版本（两人规则：须另一名审核人已申请停用；事项不再受理新件，在办件不受影响）"""
    return versions.retire(code, version, current_user())


# -- Excel workbook ---------------------------------------------------------------------------------
class WorkbookUploadSchema(Schema):
    file = Upload(required=True, metadata={"description": "Excel .xlsx 工作簿（「事项」「材料」两个工作表），不超过 2 MiB"})


class ImportedDraftSchema(Schema):
    code = fields.String()
    version = WholeNumber()
    status = fields.String()
    name = fields.String()


class ImportResultSchema(Schema):
    imported = WholeNumber()
    drafts = fields.List(fields.Nested(ImportedDraftSchema))


@blp.get("/export.xlsx")
@blp.doc(security=BEARER_SECURITY, responses={"200": {
    "description": "已发布事项目录（「事项」「材料」两个工作表）",
    "content": {XLSX_MIMETYPE: {"schema": {"type": "string", "format": "binary"}}}}})
@roles_required(*READERS)
def export_catalogue():
    """导出已发布的事项目录为 Excel 工作簿。编制人与审核人可导出"""
    response = make_response(workbook.export_workbook())
    response.headers["Content-Type"] = XLSX_MIMETYPE
    response.headers["Content-Disposition"] = "attachment; filename=catalogue.xlsx"
    return response


@blp.post("/import")
@blp.arguments(WorkbookUploadSchema, location="files")
@blp.response(201, ImportResultSchema)
@blp.alt_response(413, description="文件超过 2 MiB")
@blp.doc(security=BEARER_SECURITY)
@roles_required(*EDITORS)
@transactional
def import_catalogue(args):
    """导入 Excel 工作簿，为每行生成草稿版本（新事项或已有事项的新版本）。任一行有错即全部不导入，
    422 的 errors.rows 逐项列出工作表、行号、列名和原因。编制人：designer、admin"""
    upload = args["file"]
    if not (upload.filename or "").lower().endswith(".xlsx"):
        raise InvalidInput("只支持 Excel .xlsx 文件", {"files": {"file": ["只支持 Excel .xlsx 文件"]}})
    drafts = workbook.import_workbook(upload.read(), _actor())
    return {"imported": len(drafts), "drafts": drafts}
