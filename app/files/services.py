"""Case files: upload (window scan, supplement, back-office attachment), listing and download.

Who may see a case's files is exactly who may see the case (:func:`app.cases.queries.case_for`). Services
flush, never commit; the request commits once. Every stored file appends a case event carrying its SHA-256.
"""
import logging
from dataclasses import dataclass

from app.cases.events import record_event
from app.cases import lifecycle
from app.cases.lifecycle import lock_case, require_case_window_clerk
from app.cases.queries import case_for
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.extensions import db

from .backends import file_storage
from .models import ATTACHMENT_CODE, ATTACHMENT_NAME, CaseFile
from .queries import case_files
from .sniff import ACCEPTED, sniff_media_type
from .storage import BlobMissing
from .upload import ReceivedUpload, file_error, receive_upload

logger = logging.getLogger(__name__)

DEPARTMENT_ROLES = ("handler", "reviewer", "approver", "head")
CLOSED_STATUSES = ("finished", "terminated", "withdrawn")


@dataclass(frozen=True)
class StoredUpload:
    sha256: str
    size: int
    media_type: str
    filename: str
    description: str | None


def material_of(item, code: str, *, attachments: bool = False) -> tuple[str, str]:
    """(code, name) of a material of the item's checklist; 422 naming the path field ``code`` otherwise."""
    if attachments and code == ATTACHMENT_CODE:
        return ATTACHMENT_CODE, ATTACHMENT_NAME
    for material in item.materials:
        if material.code == code:
            return material.code, material.name
    extra = f"（后台附件请用 {ATTACHMENT_CODE}）" if attachments else ""
    message = f"不属于事项 {item.code} 材料清单的材料编码: {code}{extra}"
    raise InvalidInput(message, {"path": {"code": [message]}})


def staff_upload_stage(user, case) -> str:
    """window-scan / supplement for the window clerk of the centre that received the case, back-office for department staff on
    the case (the caller has checked that the user may see it); 403 for anyone else."""
    if case.status in CLOSED_STATUSES:
        raise Conflict("办件已办结或终止，不能再上传材料")
    if user.role == "clerk":
        require_case_window_clerk(user, case)
        return "supplement" if case.status == "supplementing" else "window-scan"
    if user.role in DEPARTMENT_ROLES and user.department is not None:
        return "back-office"
    raise Forbidden("无权为该办件上传材料")


def store_upload(upload: ReceivedUpload, field_name: str = "file") -> StoredUpload:
    """Check the spooled file's type by its content, then put it into the storage."""
    media_type = sniff_media_type(upload.spool)
    if media_type is None:
        raise file_error(field_name, f"文件类型不支持（按文件内容识别），仅接受 {ACCEPTED}")
    blob = file_storage().put(upload.spool)
    description = (upload.fields.get("description") or "").strip()[:200] or None
    return StoredUpload(blob.sha256, blob.size, media_type, upload.filename, description)


def receive_and_store(field_name: str = "file") -> StoredUpload:
    upload = receive_upload(field_name)
    try:
        return store_upload(upload, field_name)
    finally:
        upload.close()


def new_case_file(stored: StoredUpload, code: str, name: str, stage: str, uploaded_by, **owner) -> CaseFile:
    case_file = CaseFile(
        material_code=code, material_name=name, description=stored.description, sha256=stored.sha256,
        size=stored.size, media_type=stored.media_type, filename=stored.filename, stage=stage,
        uploaded_by_id=uploaded_by.id if uploaded_by is not None else None,
        uploaded_by_name=uploaded_by.display_name if uploaded_by is not None else "申请人（网上提交）",
        uploaded_at=lifecycle.now_utc(), **owner,
    )
    db.session.add(case_file)
    db.session.flush()
    return case_file


def record_file_event(case, actor, case_file: CaseFile, action: str = "file.uploaded", **extra):
    """The file's SHA-256 goes into the case's hash-chained history (the caller holds the case lock)."""
    return record_event(
        case, actor, action, file_id=case_file.id, material=case_file.material_code,
        material_name=case_file.material_name, sha256=case_file.sha256, size=case_file.size,
        media_type=case_file.media_type, filename=case_file.filename, stage=case_file.stage, **extra,
    )


def upload_case_file(user, case_no: str, code: str) -> CaseFile:
    """Stream one uploaded file for material ``code`` of the case. Authorisation and the material code are
    checked before a byte of the body is read; the case is locked only after the file is stored."""
    case = case_for(user, case_no)
    stage = staff_upload_stage(user, case)
    material_of(case.item, code, attachments=stage == "back-office")
    db.session.rollback()  # end the read transaction: an upload may take a while (SQLite's write lock)
    stored = receive_and_store()
    case = lock_case(case_no)
    stage = staff_upload_stage(user, case)  # again under the lock: the case may have moved on meanwhile
    code, name = material_of(case.item, code, attachments=stage == "back-office")
    case_file = new_case_file(stored, code, name, stage, user, case_id=case.id)
    record_file_event(case, user, case_file)
    logger.info("case %s: file %s (%s, %d bytes) for %s by user %s", case.case_no, case_file.id,
                stored.media_type, stored.size, code, user.id)
    return case_file


def visible_files(user, case_no: str, code: str | None = None) -> list[CaseFile]:
    case = case_for(user, case_no)
    if code is not None:
        material_of(case.item, code, attachments=True)
    return case_files(case, code)


def open_blob(case_file: CaseFile):
    """A readable stream of the file's bytes; 404 when there is no content (yet) or the blob is gone."""
    if case_file.sha256 is None:
        raise NotFound("该复用证照尚无电子文件，请在证照系统中核验")
    try:
        return file_storage().open(case_file.sha256)
    except BlobMissing as exc:
        logger.error("blob %s of case file %s is missing from the storage", case_file.sha256, case_file.id)
        raise NotFound("文件内容不存在") from exc


def case_file_for(user, case_no: str, file_id: int) -> CaseFile:
    """The file of the case if the user may see the case (403 otherwise, 404 for a file of another case)."""
    case = case_for(user, case_no)
    case_file = db.session.get(CaseFile, file_id)
    if case_file is None or case_file.case_id != case.id:
        raise NotFound(f"办件 {case_no} 没有编号为 {file_id} 的文件")
    return case_file
