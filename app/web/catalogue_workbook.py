"""事项目录 · Excel: export the published catalogue, import a workbook as draft versions. The page's script sends
the file with an upload progress bar and shows the import's answer — the drafts made, or every bad cell by
sheet, row and column in a table; without the script the form posts and the same table comes back. The
import itself (all-or-nothing, zip-bomb checks) is app.catalogue.workbook."""
import logging

from flask import make_response, render_template, request
from flask_babel import gettext as _

from app.catalogue import workbook
from app.errors import InvalidInput

from .common import attempt, page_blueprint, roles_required, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_catalogue_workbook", __name__, url_prefix="/designer/items")

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
READERS = ("designer", "supervisor", "approver", "head")


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _answer(status, drafts=None, message=None, rows=None):
    if _wants_json():
        return {"status": status, "message": message,
                "drafts": [{"code": d.code, "version": d.version, "name": d.name} for d in drafts or []],
                "rows": rows or []}, status
    return render_template("catalogue/import.html", drafts=drafts, message=message, rows=rows or []), status


@bp.get("/import")
@roles_required("designer")
def import_page():
    return render_template("catalogue/import.html", drafts=None, message=None, rows=[])


@bp.post("/import")
@roles_required("designer")
def import_workbook():
    if (request.content_length or 0) > MAX_UPLOAD_BYTES + 64 * 1024:
        return _answer(413, message=_("文件超过 2 MiB"))
    upload = request.files.get("file")
    if upload is None or not (upload.filename or "").lower().endswith(".xlsx"):
        return _answer(422, message=_("请选择 Excel .xlsx 文件"))
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        return _answer(413, message=_("文件超过 2 MiB"))
    drafts, error = attempt(workbook.import_workbook, content, session_user().username)
    if error is not None:
        rows = (error.errors or {}).get("rows", []) if isinstance(error, InvalidInput) else []
        return _answer(error.status, message=error.message, rows=rows)
    logger.info("workbook imported on the page: %d drafts", len(drafts))
    return _answer(201, drafts=drafts, message=_("已导入 %(n)s 个草稿版本", n=len(drafts)))


@bp.get("/export.xlsx")
@roles_required(*READERS)
def export_workbook():
    response = make_response(workbook.export_workbook())
    response.headers["Content-Type"] = workbook.XLSX_MIMETYPE
    response.headers["Content-Disposition"] = "attachment; filename=catalogue.xlsx"
    response.headers["Cache-Control"] = "no-store"
    return response
