from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, login_required
from app.cases.privacy import case_query_code
from app.documents.notices import notice_pdf_response
from app.errors import NotFound
from app.transaction import transactional

from .models import NOTICE_EVENTS
from .services import issue_notice

blp = Blueprint(
    "notices", __name__, url_prefix="/api/v1/cases", description="窗口文书：受理、一次性补正、不予受理通知书"
)

PDF = {"type": "string", "format": "binary"}


@blp.get("/<string:case_no>/notices/<string:kind>.pdf")
@blp.response(
    200,
    PDF,
    content_type="application/pdf",
    description="PDF 通知书（kind：acceptance 受理通知书 | supplement 一次性补正告知书 | "
    "refusal 不予受理通知书）；受理窗口打印的通知书印有查询码",
)
@blp.alt_response(403, description="无权查看该办件")
@blp.alt_response(404, description="办件不存在，或窗口未作出该类决定")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def notice_pdf(case_no, kind):
    """打印窗口决定的书面通知书（PDF）：首次出具时按规则编号并存档，重印编号与内容不变"""
    if kind not in NOTICE_EVENTS:
        raise NotFound("通知书类型应为 acceptance、supplement 或 refusal")
    notice = issue_notice(current_user(), case_no, kind)
    # the 查询码 is printed only on the window's copy (the one handed to the applicant)
    return notice_pdf_response(notice, case_query_code(notice.case, current_user()))
