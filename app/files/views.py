"""电子材料 API: upload (multipart, streamed), list and download case files; the applicant's online uploads;
材料复用 offers for the window. Downloads need the same right as seeing the case and have no public URL."""
from flask import request
from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, login_required, roles_required
from app.progress.services import authenticate_case
from app.progress.throttle import failures_counted
from app.transaction import transactional

from . import applicant, reuse, services, staging
from .download import file_response
from .schemas import (
    ApplicantFileSchema,
    CaseFileSchema,
    DownloadQuerySchema,
    ReuseLookupSchema,
    ReuseOfferSchema,
    SupplementedCaseSchema,
    SupplementSubmitSchema,
)

blp = Blueprint("files", __name__, url_prefix="/api/v1", description="电子材料：上传、查看与复用")

_MULTIPART = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary",
                            "description": "PDF、JPEG、PNG 或 OFD（按内容识别），默认不超过 20 MB"},
                   "description": {"type": "string", "maxLength": 200, "description": "说明，如“勘验记录”"}},
}}}}}
_UPLOAD_ERRORS = {"413": {"description": "文件超过大小上限（errors.files.file）"},
                  "422": {"description": "文件类型不支持或材料编码不在清单中（errors.files.file / errors.path.code）"}}


@blp.post("/cases/<string:case_no>/materials/<string:code>/files")
@blp.response(201, CaseFileSchema)
@blp.doc(security=BEARER_SECURITY, responses=_UPLOAD_ERRORS, **_MULTIPART)
@login_required
@transactional
def upload(case_no, code):
    """上传材料文件：窗口扫描（补正中为补正提交）；承办部门上传办理附件（材料编码或 ATTACHMENT）"""
    return services.upload_case_file(current_user(), case_no, code)


@blp.post("/items/<string:item_code>/materials/<string:code>/scans")
@blp.response(201, CaseFileSchema)
@blp.doc(security=BEARER_SECURITY, responses=_UPLOAD_ERRORS, **_MULTIPART)
@roles_required("clerk")
@transactional
def stage_scan(item_code, code):
    """受理前扫描：窗口核对材料时暂存扫描件（尚无办件，归本人）；受理请求的 scans 列出其编号，归入新办件"""
    return staging.stage_scan(current_user(), item_code, code)


@blp.get("/scans")
@blp.response(200, CaseFileSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
def list_staged_scans():
    """本人暂存、尚未归入办件的扫描件（未使用的按 STAGED_SCAN_MAX_AGE_HOURS 清理）"""
    return staging.staged_scans(current_user())


@blp.get("/cases/<string:case_no>/materials/<string:code>/files")
@blp.response(200, CaseFileSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@login_required
def list_material_files(case_no, code):
    """某项材料的全部文件（谁在何时上传）"""
    return services.visible_files(current_user(), case_no, code)


@blp.get("/cases/<string:case_no>/files")
@blp.response(200, CaseFileSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@login_required
def list_case_files(case_no):
    """办件的全部材料文件"""
    return services.visible_files(current_user(), case_no)


@blp.get("/cases/<string:case_no>/files/<int:file_id>")
@blp.arguments(DownloadQuerySchema, location="query")
@blp.doc(security=BEARER_SECURITY, responses={"200": {"description": "文件内容（按存储的类型）"}})
@login_required
def download(args, case_no, file_id):
    """下载或预览（?disposition=inline）材料文件；仅限可查看该办件的人员"""
    case_file = services.case_file_for(current_user(), case_no, file_id)
    return file_response(case_file, args["disposition"])


@blp.post("/public/applications/<string:application_no>/materials/<string:code>/files")
@blp.response(201, ApplicantFileSchema)
@blp.doc(parameters=[{"in": "header", "name": "X-Query-Code", "required": True, "schema": {"type": "string"},
                      "description": "查询码：网上申报回执上的8位随机码（不区分大小写）"}], responses=_UPLOAD_ERRORS, **_MULTIPART)
@transactional
def applicant_upload(application_no, code):
    """申请人网上提交材料文件（无需登录，凭申报编号和查询码；待预审、待补正或办件补正中时可上传）"""
    application = failures_counted(applicant.authenticated_application, application_no,
                                   request.headers.get("X-Query-Code"), request.remote_addr)
    return applicant.upload_application_file(application, code)


@blp.post("/public/cases/<string:case_no>/materials/<string:code>/files")
@blp.response(201, ApplicantFileSchema)
@blp.doc(parameters=[{"in": "header", "name": "X-Query-Code", "required": True, "schema": {"type": "string"},
                      "description": "查询码"}], responses=_UPLOAD_ERRORS, **_MULTIPART)
@transactional
def applicant_case_upload(case_no, code):
    """网上补正：申请人上传一次性补正告知所列材料的文件（无需登录，凭办件编号和查询码；其他材料 422）"""
    return applicant.upload_case_supplement_file(_applicant_case(case_no, request.headers.get("X-Query-Code")),
                                                 code)


@blp.post("/public/cases/<string:case_no>/supplement")
@blp.arguments(SupplementSubmitSchema)
@blp.response(200, SupplementedCaseSchema)
@blp.alt_response(404, description="未找到匹配的办件")
@blp.alt_response(409, description="办件不在补正中")
@blp.alt_response(422, description="告知所列材料尚未全部上传（errors.json.materials）")
@transactional
def applicant_supplement(payload, case_no):
    """网上补正提交：告知所列材料均已上传后提交，如同窗口接收补正材料，办件受理并进入审查"""
    case = _applicant_case(case_no, payload["code"])
    return applicant.submit_online_supplement(case.case_no)


def _applicant_case(case_no: str, code: str | None):
    return failures_counted(authenticate_case, case_no, code or "", request.remote_addr)


@blp.get("/applications/<int:application_id>/files")
@blp.response(200, CaseFileSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
def list_application_files(application_id):
    """预审：网上申报提交的材料文件"""
    return applicant.application_files(applicant.application_for_clerk(current_user(), application_id))


@blp.get("/applications/<int:application_id>/files/<int:file_id>")
@blp.arguments(DownloadQuerySchema, location="query")
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
def download_application_file(args, application_id, file_id):
    """预审：查看网上申报提交的材料文件"""
    application = applicant.application_for_clerk(current_user(), application_id)
    case_file = applicant.application_file(application, file_id)
    return file_response(case_file, args["disposition"])


@blp.post("/materials/reusable")
@blp.arguments(ReuseLookupSchema)
@blp.response(200, ReuseOfferSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
def reusable(payload):
    """材料复用：该申请人在以往办件中提交且仍有效的材料、本系统核发的有效电子证照（受理时可免提交）"""
    return reuse.reuse_offer(current_user(), payload["item_code"], payload["applicant"])
