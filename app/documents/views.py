from flask import request
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from app.accounts.auth import BEARER_SECURITY, current_user, login_required
from app.applicants.query_code import QUERY_CODE_RULE
from app.errors import NotFound
from app.extensions import db
from app.progress.services import authenticate_case
from app.transaction import transactional

from .decision_pdf import render_decision_pdf
from .decisions import decision_document_for
from .delivery import applicant_licence_file
from .licence_file import licence_file, licence_for_staff, signed_bytes
from .pdf import pdf_response

blp = Blueprint("documents", __name__, url_prefix="/api/v1",
                description="决定书与电子证照文件：准予 / 不予行政许可决定书，电子印章签名的证照文件")

PDF = {"type": "string", "format": "binary"}


class PublicLicenceFileQuerySchema(Schema):
    case_no = fields.String(required=True, validate=validate.Length(min=1, max=50))
    code = fields.String(required=True, validate=validate.Length(min=1, max=20),
                         metadata={"description": f"查询码：{QUERY_CODE_RULE}（同办件查询）"})


@blp.get("/cases/<string:case_no>/decision.pdf")
@blp.response(200, PDF, content_type="application/pdf",
              description="准予行政许可决定书或不予行政许可决定书（PDF，编号、理由、救济途径、进度查询二维码）")
@blp.alt_response(403, description="无权查看该办件")
@blp.alt_response(404, description="办件不存在或尚未作出决定")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def decision_pdf(case_no):
    """打印办件的行政许可决定书（PDF）：作出决定时编号并存档，重印编号与内容不变"""
    document = decision_document_for(current_user(), case_no)
    return pdf_response(render_decision_pdf(document.kind, document.content), f"{case_no}-decision.pdf")


@blp.get("/licences/<int:licence_id>/file.pdf")
@blp.response(200, PDF, content_type="application/pdf", description="电子证照文件（发证部门电子印章数字签名）")
@blp.alt_response(403, description="无权查看该办件")
@blp.alt_response(404, description="证照不存在")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def licence_file_pdf(licence_id):
    """下载电子证照文件（可查看该办件的工作人员）：首次下载时签章并存档，此后提供同一文件"""
    licence = licence_for_staff(current_user(), licence_id)
    return pdf_response(signed_bytes(licence_file(licence)), f"{licence.number}.pdf")


@blp.post("/public/licences/file.pdf")
@blp.arguments(PublicLicenceFileQuerySchema)
@blp.response(200, PDF, content_type="application/pdf", description="电子证照文件（电子印章数字签名）")
@blp.alt_response(404, description="未找到匹配的办件，或办件没有电子证照")
@blp.alt_response(409, description="证照已撤销或注销")
@blp.alt_response(429, description="查询失败次数过多，请稍后再试")
@transactional
def public_licence_file(args):
    """申请人在线下载电子证照（办件编号 + 查询码，无需登录）；网办深度 IV 的事项以此网上送达。

    The query code travels in the JSON body, never in the address (access logs, proxies)."""
    try:
        case = authenticate_case(args["case_no"], args["code"], request.remote_addr)
    except NotFound:
        db.session.commit()  # the failure counts although the request ends in an error
        raise
    licence, stored = applicant_licence_file(case)
    return pdf_response(signed_bytes(stored), f"{licence.number}.pdf")
