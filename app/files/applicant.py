"""The online applicant's own uploads (网上申报), authenticated by the application number plus its 查询码 (the
random code of the submission receipt, app.applicants.query_code). Files given before the pre-review belong to
the application and join the case when the window passes it.

Online 补正 of a case (case number + query code): while the case waits for the 补正 of its one-time notice
the applicant uploads exactly the materials the notice listed (any other is refused, 422 naming it) and then
submits the supplement; the acceptance check runs again as when the window records it
(:func:`app.cases.acceptance.continue_after_supplement`) and, every listed material being given, accepts."""
import logging

import sqlalchemy as sa

from app.applicants.query_code import query_code_matches
from app.applications.models import OnlineApplication
from app.cases.acceptance import continue_after_supplement
from app.cases.events import APPLICANT
from app.cases.lifecycle import lock_case, require_window_clerk
from app.errors import Conflict, InvalidInput, NotFound
from app.extensions import db
from app.notifications.services import notify
from app.progress.throttle import (
    guard_public_lookup, lookup_subject, record_public_lookup, record_public_success,
)

from .models import CaseFile
from .services import material_of, new_case_file, receive_and_store, record_file_event

logger = logging.getLogger(__name__)

APPLICATION_NOT_FOUND = "申报编号或查询码不正确"
OPEN_APPLICATION_STATES = {"pending": "online", "supplement": "supplement"}


def application_for_code(application_no: str, query_code: str | None) -> OnlineApplication | None:
    """The application if the query code matches, else None (the caller counts the failed attempt)."""
    application = db.session.scalars(
        sa.select(OnlineApplication).where(OnlineApplication.application_no == application_no)).first()
    if not query_code_matches(application.query_code if application is not None else None, query_code):
        return None
    return application


def authenticated_application(application_no: str, query_code: str | None,
                              remote_addr: str | None) -> OnlineApplication:
    """The application for its applicant (number + query code), under the public lookup throttle (429);
    NotFound after recording the failure, which the caller commits before the error leaves the request."""
    application_no = (application_no or "").strip()
    subject = lookup_subject("application", application_no)
    guard_public_lookup(remote_addr, subject)
    application = application_for_code(application_no, query_code)
    if application is None:
        record_public_lookup(remote_addr, False, subject)
        raise NotFound(APPLICATION_NOT_FOUND)
    record_public_success(remote_addr, subject)
    return application


def _stage_of(application) -> str:
    """online / supplement while the application waits for pre-review or a supplement; supplement for its case
    while that case waits for a 补正; 409 otherwise."""
    if application.state in OPEN_APPLICATION_STATES:
        return OPEN_APPLICATION_STATES[application.state]
    if application.case is not None and application.case.status == "supplementing":
        return "supplement"
    raise Conflict("该申报当前不接受上传材料（已预审或办件不在补正中）")


def accepts_uploads(application) -> bool:
    """Whether the applicant may upload now (pending pre-review, a pre-review 补正, or the case's 补正)."""
    try:
        _stage_of(application)
    except Conflict:
        return False
    return True


def upload_application_file(application: OnlineApplication, code: str) -> CaseFile:
    _stage_of(application)
    material_of(application.item, code)
    application_no = application.application_no
    db.session.rollback()  # no transaction (nor SQLite write lock) held while the body streams in
    stored = receive_and_store()
    application = db.session.scalars(
        sa.select(OnlineApplication).where(OnlineApplication.application_no == application_no)
        .with_for_update().execution_options(populate_existing=True)).one()
    stage = _stage_of(application)
    code, name = material_of(application.item, code)
    if application.state in OPEN_APPLICATION_STATES:
        case_file = new_case_file(stored, code, name, stage, None, application_id=application.id)
        if code not in application.materials:
            application.materials = sorted(set(application.materials) | {code})
    else:
        case = lock_case(application.case.case_no)
        listed_material(case, code)
        case_file = new_case_file(stored, code, name, stage, None, case_id=case.id,
                                  application_id=application.id)
        record_file_event(case, None, case_file, uploaded_by="申请人（网上提交）")
    logger.info("online application %s: file %s for %s", application_no, case_file.id, code)
    return case_file


def listed_material(case, code: str) -> tuple[str, str]:
    """(code, name) of a material the case's one-time 补正 notice listed; 422 naming ``code`` otherwise
    (一次性告知: no requirement is added afterwards, nothing else is taken)."""
    if code not in (case.missing_materials or []):
        name = next((m.name for m in case.item.materials if m.code == code), code)
        message = f"“{name}”（{code}）不在一次性补正告知所列的材料中，不能补交"
        raise InvalidInput(message, {"path": {"code": [message]}})
    return material_of(case.item, code)


def _require_supplementing(case) -> None:
    if case.status != "supplementing":
        raise Conflict(f"办件 {case.case_no} 不在补正中，不能网上补正")


def upload_case_supplement_file(case, code: str) -> CaseFile:
    """One file for a material of the case's 补正 notice, from the authenticated applicant."""
    _require_supplementing(case)
    listed_material(case, code)
    case_no = case.case_no
    db.session.rollback()  # no transaction (nor SQLite write lock) held while the body streams in
    stored = receive_and_store()
    case = lock_case(case_no)
    _require_supplementing(case)  # again under the lock: the window may have recorded the supplement
    code, name = listed_material(case, code)
    case_file = new_case_file(stored, code, name, "supplement", None, case_id=case.id)
    record_file_event(case, None, case_file, uploaded_by="申请人（网上提交）")
    logger.info("case %s: online supplement file %s for %s", case_no, case_file.id, code)
    return case_file


def supplement_files(case) -> list[CaseFile]:
    """The files given for the case's 补正 (online or scanned at the window), oldest first."""
    return db.session.scalars(sa.select(CaseFile).where(CaseFile.case_id == case.id, CaseFile.stage == "supplement")
                              .order_by(CaseFile.uploaded_at, CaseFile.id)).all()


def submit_online_supplement(case_no: str):
    """The applicant submits the 补正: every listed material needs a file (422 naming the ones without);
    the case is accepted as when the window records the supplement with every listed material."""
    case = lock_case(case_no)
    _require_supplementing(case)
    listed = list(case.missing_materials or [])
    given = {f.material_code for f in supplement_files(case)}
    absent = [m.name for m in case.item.materials if m.code in listed and m.code not in given]
    if absent:
        raise InvalidInput.field("materials", f"以下补正材料尚未上传: {'、'.join(absent)}")
    continue_after_supplement(case, None, set(listed), "accept", brought_by=APPLICANT, channel="online")
    notify(case, f"申请人已网上提交办件 {case.case_no}（{case.item.name}）的补正材料，办件已受理", "supplement_returned",
           groups=[f"window:{case.item.sector}"])
    logger.info("case %s: the applicant submitted the supplement online", case.case_no)
    return case


def application_files(application) -> list[CaseFile]:
    return db.session.scalars(sa.select(CaseFile).where(CaseFile.application_id == application.id)
                              .order_by(CaseFile.uploaded_at, CaseFile.id)).all()


def application_file(application, file_id: int) -> CaseFile:
    """One file of the application (404 for a file of another application)."""
    case_file = next((f for f in application_files(application) if f.id == file_id), None)
    if case_file is None:
        raise NotFound(f"该申报没有编号为 {file_id} 的文件")
    return case_file


def application_for_clerk(user, application_id: int) -> OnlineApplication:
    """预审: the application for a window clerk of its item (403 otherwise, 404 when unknown)."""
    application = db.session.get(OnlineApplication, application_id)
    if application is None:
        raise NotFound(f"网上申报 {application_id} 不存在")
    require_window_clerk(user, application.item)
    return application


def attach_application_files(application, case, actor) -> None:
    """The pre-review passed: the application's files become the case's, each recorded with its SHA-256."""
    for case_file in application_files(application):
        if case_file.case_id is None:
            case_file.case_id = case.id
            db.session.flush()
            record_file_event(case, actor, case_file, action="file.attached",
                              uploaded_by=case_file.uploaded_by_name,
                              uploaded_at=case_file.uploaded_at.isoformat(),
                              application_no=application.application_no)
