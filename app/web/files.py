"""电子材料 and documents on the staff pages (session login): scan or attach a file to a case, open a case file
(inline for images and PDFs, or as a download), the pre-review's view of an online application's files, the
decision document and the signed e-licence file, and the window's 材料复用 offer. Every access check is the
services' own (app.files.services, app.files.applicant, app.files.reuse, app.documents)."""
import logging

import sqlalchemy as sa
from flask import request
from flask_babel import gettext as _

from app.documents.decision_pdf import render_decision_pdf
from app.documents.decisions import decision_document_for
from app.documents.licence_file import licence_file, licence_for_staff, signed_bytes
from app.documents.models import DECISION_KINDS
from app.documents.pdf import pdf_response
from app.errors import ServiceError, error_payload
from app.extensions import db
from app.files import applicant, reuse, services, staging
from app.files.download import file_response
from app.files.models import ATTACHMENT_CODE, ATTACHMENT_NAME, FILE_STAGES
from app.files.queries import case_files
from app.files.schemas import CaseFileSchema, ReuseLookupSchema, ReuseOfferSchema
from app.licences.models import Licence

from .answers import loaded
from .common import attempt, login_required, page_blueprint, roles_required, session_user, streamed_upload

logger = logging.getLogger(__name__)

bp = page_blueprint("web_files", __name__)

#: roles that attach back-office files (勘验记录 …) on the case page
DEPARTMENT_ROLES = services.DEPARTMENT_ROLES


@bp.post("/cases/<case_no>/materials/<code>/files")
@streamed_upload
@login_required
def upload(case_no, code):
    """Window scan (补正 while supplementing) or back-office attachment; JSON for js/files.js."""
    case_file, error = attempt(services.upload_case_file, session_user(), case_no, code)
    if error is not None:
        return error_payload(error.status, type(error).__name__, error.message, error.errors), error.status
    return page_file(case_file), 201


@bp.post("/window/items/<code>/materials/<material>/scans")
@streamed_upload
@roles_required("clerk")
def stage_scan(code, material):
    """A scan made on the acceptance page before the decision (staged, the clerk's own); JSON for
    js/files.js."""
    case_file, error = attempt(staging.stage_scan, session_user(), code, material)
    if error is not None:
        return error_payload(error.status, type(error).__name__, error.message, error.errors), error.status
    return page_file(case_file), 201


def page_file(case_file) -> dict:
    """The API's view of an uploaded file with its stage label in the page's language (the API's stays
    Chinese)."""
    body = CaseFileSchema().dump(case_file)
    body["stage_label"] = _(FILE_STAGES.get(case_file.stage, case_file.stage))
    return body


@bp.get("/window/scans/<int:file_id>")
@roles_required("clerk")
def staged_scan(file_id):
    """The clerk's own staged scan, to look at before deciding."""
    return file_response(staging.staged_scan_for(session_user(), file_id),
                         request.args.get("disposition", "attachment"))


@bp.get("/cases/<case_no>/files/<int:file_id>")
@login_required
def case_file(case_no, file_id):
    case_file = services.case_file_for(session_user(), case_no, file_id)
    return file_response(case_file, request.args.get("disposition", "attachment"))


@bp.get("/window/applications/<int:application_id>/files/<int:file_id>")
@roles_required("clerk")
def application_file(application_id, file_id):
    application = applicant.application_for_clerk(session_user(), application_id)
    return file_response(applicant.application_file(application, file_id),
                         request.args.get("disposition", "attachment"))


@bp.get("/cases/<case_no>/decision.pdf")
@login_required
def decision_pdf(case_no):
    document, error = attempt(decision_document_for, session_user(), case_no)
    if error is not None:
        raise error
    return pdf_response(render_decision_pdf(document.kind, document.content), f"{case_no}-decision.pdf")


def _signed_licence(user, licence_id: int) -> tuple[str, bytes]:
    licence = licence_for_staff(user, licence_id)
    return licence.number, signed_bytes(licence_file(licence))


@bp.get("/licences/<int:licence_id>/file.pdf")
@login_required
def licence_pdf(licence_id):
    result, error = attempt(_signed_licence, session_user(), licence_id)
    if error is not None:
        raise error
    number, data = result
    return pdf_response(data, f"{number}.pdf")


@bp.post("/window/items/<code>/reusable.json")
@roles_required("clerk")
def reusable(code):
    """材料复用 offer for the acceptance page once the applicant's ID number is entered (in the body, never the
    address bar)."""
    payload = request.get_json(silent=True) or {}
    data, error = loaded(ReuseLookupSchema(), {"item_code": code, "applicant": payload.get("applicant")})
    if error is not None:
        raise error
    return ReuseOfferSchema().dump(reuse.reuse_offer(session_user(), data["item_code"], data["applicant"]))


def files_by_material(case) -> dict[str, list]:
    by_code: dict[str, list] = {}
    for case_file in case_files(case):
        by_code.setdefault(case_file.material_code, []).append(case_file)
    return by_code


def material_rows(case) -> list[dict]:
    """The case's materials with their files (objects, for the page), checklist order, then files of materials
    not (yet) received and the back-office attachments."""
    by_code = files_by_material(case)
    rows = [{"code": m.material_code, "name": m.name, "material": m,
             "files": by_code.pop(m.material_code, [])} for m in case.materials]
    names = {m.code: m.name for m in case.item.materials} | {ATTACHMENT_CODE: ATTACHMENT_NAME}
    for code, code_files in by_code.items():
        rows.append({"code": code, "name": names.get(code, code_files[0].material_name), "material": None,
                     "files": code_files})
    return rows


def case_documents(case) -> dict:
    """What the case page links to: the decision document once decided, and the case's e-licences."""
    licences = db.session.scalars(
        sa.select(Licence).where(Licence.case_id == case.id).order_by(Licence.id)).all()
    return {"decided": case.result in DECISION_KINDS, "licences": licences}


def can_attach(user, case) -> bool:
    """Whether the case page offers department staff the attachment uploader (the upload service's rule)."""
    if user.role not in DEPARTMENT_ROLES:
        return False
    try:
        return services.staff_upload_stage(user, case) == "back-office"
    except ServiceError:
        return False


def attach_choices(case) -> list[tuple[str, str]]:
    return [(m.code, m.name) for m in case.item.materials] + [(ATTACHMENT_CODE, ATTACHMENT_NAME)]

