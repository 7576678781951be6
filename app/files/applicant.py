"""The online applicant's own uploads (网上申报), authenticated by the application number plus its 查询码 (the
random code of the submission receipt, app.applicants.query_code). Files given
before the pre-review belong to the application and join the case when the window passes it."""
import logging

import sqlalchemy as sa

from app.applicants.query_code import query_code_matches
from app.applications.models import OnlineApplication
from app.cases.lifecycle import lock_case, require_window_clerk
from app.errors import Conflict, NotFound
from app.extensions import db
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
        case_file = new_case_file(stored, code, name, stage, None, case_id=case.id,
                                  application_id=application.id)
        record_file_event(case, None, case_file, uploaded_by="申请人（网上提交）")
    logger.info("online application %s: file %s for %s", application_no, case_file.id, code)
    return case_file


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
