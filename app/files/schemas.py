from marshmallow import Schema, fields, validate

from app.cases.models import APPLICANT_KINDS
from app.schema_fields import OfficeDate, WholeNumber

from .models import FILE_STAGES
from .queries import case_files


def _download_url(case_file) -> str | None:
    if case_file.case is None or case_file.sha256 is None:
        return None
    return f"/api/v1/cases/{case_file.case.case_no}/files/{case_file.id}"


def _source(case_file) -> dict | None:
    if case_file.stage != "reuse":
        return None
    licence = case_file.source_licence
    return {
        "case_no": case_file.source_case.case_no if case_file.source_case is not None else None,
        "file_id": case_file.source_file_id,
        "licence_id": case_file.source_licence_id,
        "licence_number": licence.number if licence is not None else None,
        "licence_name": licence.name if licence is not None else None,
    }


class CaseFileSchema(Schema):
    id = WholeNumber()
    material_code = fields.String()
    material_name = fields.String()
    description = fields.String(allow_none=True)
    sha256 = fields.String(allow_none=True)
    size = WholeNumber()
    media_type = fields.String(allow_none=True, metadata={"description": "按文件内容识别的类型"})
    filename = fields.String()
    stage = fields.String(metadata={"description": " | ".join(FILE_STAGES)})
    stage_label = fields.Function(lambda f: FILE_STAGES.get(f.stage))
    uploaded_by = fields.String(attribute="uploaded_by_name")
    uploaded_at = fields.DateTime()
    source = fields.Function(_source, allow_none=True, metadata={"description": "材料复用的来源办件或证照"})
    download_url = fields.Function(_download_url, allow_none=True,
                                   metadata={"description": "需登录（Bearer）；?disposition=inline 供页面内预览"})


class ApplicantFileSchema(CaseFileSchema):
    """What the online applicant sees of their own upload."""

    class Meta:
        exclude = ("uploaded_by", "source", "download_url", "description")


class SupplementSubmitSchema(Schema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=20), metadata={"description": "查询码"})


class SupplementedCaseSchema(Schema):
    case_no = fields.String()
    status = fields.String(metadata={"description": "in_progress：补正材料齐全，已受理并进入审查"})
    accepted_at = fields.DateTime(allow_none=True)
    deadline = OfficeDate(allow_none=True)


class DownloadQuerySchema(Schema):
    disposition = fields.String(load_default="attachment", validate=validate.OneOf(["attachment", "inline"]))


class _ReuseApplicantSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(list(APPLICANT_KINDS)))
    id_number = fields.String(required=True, validate=validate.Length(min=1, max=30))


class ReuseLookupSchema(Schema):
    item_code = fields.String(required=True, validate=validate.Length(min=1, max=50))
    applicant = fields.Nested(_ReuseApplicantSchema, required=True,
                              metadata={"description": "身份证号 / 统一社会信用代码（请求体中传递，不进地址栏）"})


class ReusableFileSchema(Schema):
    file_id = WholeNumber(attribute="id")
    case_no = fields.Function(lambda f: f.case.case_no)
    item_name = fields.Function(lambda f: f.case.item.name)
    material_code = fields.String()
    material_name = fields.String()
    filename = fields.String()
    media_type = fields.String(allow_none=True)
    size = WholeNumber()
    sha256 = fields.String(allow_none=True)
    uploaded_at = fields.DateTime()


class ReusableLicenceSchema(Schema):
    licence_id = WholeNumber(attribute="id")
    number = fields.String()
    name = fields.String()
    issuer_name = fields.String()
    issued_on = OfficeDate()
    valid_to = OfficeDate(allow_none=True)
    case_no = fields.Function(lambda lic: lic.case.case_no)


class ReusableMaterialSchema(Schema):
    code = fields.String()
    name = fields.String()
    required = fields.Boolean()
    files = fields.List(fields.Nested(ReusableFileSchema))
    licences = fields.List(fields.Nested(ReusableLicenceSchema))


class ReuseOfferSchema(Schema):
    materials = fields.List(fields.Nested(ReusableMaterialSchema),
                            metadata={"description": "本事项材料清单中可复用（免提交）的材料及其来源"})
    licences = fields.List(fields.Nested(ReusableLicenceSchema),
                           metadata={"description": "本系统向该申请人核发、仍有效的电子证照"})
    max_age_days = WholeNumber()


class ReuseItemSchema(Schema):
    material = fields.String(required=True, validate=validate.Length(min=1, max=40))
    file_id = WholeNumber(allow_none=True, metadata={"description": "复用的历史办件材料文件"})
    licence_id = WholeNumber(allow_none=True, metadata={"description": "复用的本系统电子证照"})


def case_materials_with_files(case) -> list[dict]:
    """GET /cases/<no>: each received material with its files, then files of materials not (yet) received
    and back-office attachments, in checklist order."""
    files = CaseFileSchema(many=True).dump(case_files(case))
    by_code: dict[str, list] = {}
    for case_file in files:
        by_code.setdefault(case_file["material_code"], []).append(case_file)
    rows = [{"code": m.material_code, "name": m.name, "stage": m.stage,
             "received_at": m.received_at.isoformat(), "files": by_code.pop(m.material_code, [])}
            for m in case.materials]
    for code, code_files in by_code.items():
        rows.append({"code": code, "name": code_files[0]["material_name"], "stage": None, "received_at": None,
                     "files": code_files})
    return rows
