"""The applicant's own public pages (no login): the online application's materials — upload files per
material with the application number and query code, while it waits for 预审 or a 补正 — and the result —
progress and, once decided, the signed e-licence download with the case number and query code (for an item of
online depth IV that download is the delivery). The checks are the services' (app.files.applicant,
app.progress, app.documents.delivery), under the same public lookup throttle as the API."""
import logging
from urllib.parse import quote

import sqlalchemy as sa
from flask import render_template, request
from flask_babel import gettext as _

from app.applications.models import APPLICATION_STATES
from app.documents.delivery import applicant_licence_file
from app.documents.licence_file import signed_bytes
from app.documents.pdf import pdf_response
from app.errors import NotFound, ServiceError
from app.extensions import db
from app.files.applicant import accepts_uploads, application_files, authenticated_application
from app.licences.models import Licence
from app.progress.services import authenticate_case, public_progress

from .common import attempt, page_blueprint

logger = logging.getLogger(__name__)

bp = page_blueprint("web_applicant", __name__, url_prefix="/apply")

LIMIT = 50


def _field(name: str) -> str:
    return (request.form.get(name) or request.args.get(name) or "").strip()[:LIMIT]


def _authenticated(lookup, *args):
    """(result, None) or (None, error); a failed lookup is committed so that it counts for the throttle (and
    a success, which clears the address's earlier failures on the number)."""
    try:
        result = lookup(*args)
        db.session.commit()
        return result, None
    except NotFound as error:
        db.session.commit()
        return None, error
    except ServiceError as error:
        db.session.rollback()
        return None, error


def upload_context(application, query_code: str) -> dict:
    """What apply/_uploads.html needs: per material of the item, the files already given."""
    given: dict[str, list] = {}
    for case_file in application_files(application):
        given.setdefault(case_file.material_code, []).append(case_file)
    return {"application": application, "query_code": query_code, "open": accepts_uploads(application),
            "materials": [(m, given.get(m.code, [])) for m in application.item.materials],
            "state_label": APPLICATION_STATES.get(application.state, application.state)}


@bp.route("/files", methods=["GET", "POST"])
def files():
    """申报材料: find the application (number + query code), then upload per material."""
    number, code = _field("application_no"), _field("code")
    if request.method == "GET" or not (number and code):
        problem = _("请填写申报编号和查询码") if request.method == "POST" else None
        return render_template("apply/files.html", number=number, problem=problem,
                               uploads=None), (422 if problem else 200)
    application, error = _authenticated(authenticated_application, number, code, request.remote_addr)
    if error is not None:
        return render_template("apply/files.html", number=number, problem=error.message,
                               uploads=None), error.status
    return render_template("apply/files.html", number=number, problem=None,
                           uploads=upload_context(application, code))


@bp.route("/result", methods=["GET", "POST"])
def result():
    """办理结果: the case's progress and, once there is one, the signed e-licence to download."""
    case_no, code = _field("case_no"), _field("code")
    if request.method == "GET" or not (case_no and code):
        problem = _("请填写办件编号和查询码") if request.method == "POST" else None
        return render_template("apply/result.html", case_no=case_no, progress=None, problem=problem,
                               has_licence=False), (422 if problem else 200)
    case, error = _authenticated(authenticate_case, case_no, code, request.remote_addr)
    if error is not None:
        return render_template("apply/result.html", case_no=case_no, progress=None, problem=error.message,
                               has_licence=False), error.status
    return render_template("apply/result.html", case_no=case.case_no, code=code,
                           progress=public_progress(case), problem=None, has_licence=_has_licence(case))


def _has_licence(case) -> bool:
    return db.session.scalars(sa.select(Licence.id).where(Licence.case_id == case.id)).first() is not None


@bp.post("/result/licence.pdf")
def licence():
    """The signed e-licence file, saved by the browser (attachment)."""
    case_no, code = _field("case_no"), _field("code")
    case, error = _authenticated(authenticate_case, case_no, code, request.remote_addr)
    if error is None:
        delivered, error = attempt(applicant_licence_file, case)
    if error is not None:
        return render_template("apply/result.html", case_no=case_no, progress=None, problem=error.message,
                               has_licence=False), error.status
    licence_row, stored = delivered
    logger.info("case %s: the applicant downloaded the licence file", case_no)
    response = pdf_response(signed_bytes(stored), "licence.pdf")
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"licence-{licence_row.id}.pdf\"; "
        f"filename*=UTF-8''{quote(licence_row.number + '.pdf')}")
    return response
