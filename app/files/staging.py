"""Scans made at the window while the materials are checked, before the 受理 decision (暂存扫描件).

A staged scan is a case file without a case: stored like any other (content-addressed, type told by
content, streamed under the size limit) and owned by the clerk who scanned it (``staged_by_id``). The
acceptance request names the staged files it uses (``scans``); :func:`validated_scans` checks them before the
case exists and :func:`attach_scans` gives them to the new case in the same transaction, whatever the decision
(受理, 补正 or 不予受理: what the applicant presented stays on record with the case). A refused request attaches nothing, so
the scans stay the clerk's for the retry. Scans never used are pruned after ``STAGED_SCAN_MAX_AGE_HOURS``
(``flask files prune-staged`` and the scheduler's hourly job); the blobs stay in the storage, which may share
them with other files.
"""
import logging
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from app.cases import lifecycle
from app.cases.lifecycle import require_window_clerk
from app.catalogue.services import published_item
from app.errors import InvalidInput, NotFound
from app.extensions import db

from .models import CaseFile
from .services import material_of, new_case_file, receive_and_store, record_file_event

logger = logging.getLogger(__name__)

SCAN_STAGE = "window-scan"


def _staged(query):
    return query.where(CaseFile.case_id.is_(None), CaseFile.application_id.is_(None),
                       CaseFile.staged_by_id.is_not(None))


def stage_scan(user, item_code: str, code: str) -> CaseFile:
    """Stream one scanned file for material ``code`` of the item the clerk is about to decide on. The clerk's
    right to accept the item and the material code are checked before a byte of the body is read."""
    item = published_item(item_code)
    require_window_clerk(user, item)
    code, name = material_of(item, code)
    db.session.rollback()  # no transaction (nor SQLite write lock) held while the body streams in
    stored = receive_and_store()
    case_file = new_case_file(stored, code, name, SCAN_STAGE, user, staged_by_id=user.id)
    logger.info("staged scan %s (%s, %d bytes) for %s %s by user %s", case_file.id, stored.media_type,
                stored.size, item_code, code, user.id)
    return case_file


def staged_scans(user, ids=None) -> list[CaseFile]:
    """The user's staged scans (those of ``ids`` only, when given; unknown or foreign ids are left out)."""
    query = _staged(sa.select(CaseFile)).where(CaseFile.staged_by_id == user.id)
    if ids is not None:
        query = query.where(CaseFile.id.in_(ids))
    return db.session.scalars(query.order_by(CaseFile.uploaded_at, CaseFile.id)).all()


def staged_scan_for(user, file_id: int) -> CaseFile:
    """One of the user's own staged scans (404 for anything else: another clerk's, or attached to a case)."""
    case_file = next(iter(staged_scans(user, [file_id])), None)
    if case_file is None:
        raise NotFound(f"没有编号为 {file_id} 的暂存扫描件")
    return case_file


def validated_scans(actor, item, ids: list[int], field: str = "scans") -> list[CaseFile]:
    """The staged scans the acceptance uses, locked (422 naming ``scans.<n>``): each the actor's own, not yet
    attached to a case, scanned for a material of this item's checklist, and named once."""
    if not ids:
        return []
    found = {f.id: f for f in db.session.scalars(
        sa.select(CaseFile).where(CaseFile.id.in_(ids)).with_for_update())}
    names = {m.code: m.name for m in item.materials}  # the name too: another item may use the same code
    seen: set[int] = set()
    for index, file_id in enumerate(ids):
        case_file = found.get(file_id)
        if case_file is None:
            problem = f"扫描件 {file_id} 不存在"
        elif file_id in seen:
            problem = f"扫描件 {file_id} 重复"
        elif case_file.case_id is not None or case_file.application_id is not None:
            problem = f"扫描件 {file_id} 已归入办件，不能再次使用"
        elif case_file.staged_by_id != actor.id:
            problem = f"扫描件 {file_id} 不是您暂存的扫描件"
        elif names.get(case_file.material_code) != case_file.material_name:
            problem = f"扫描件 {file_id} 的材料不属于事项 {item.code} 的材料清单"
        else:
            seen.add(file_id)
            continue
        raise InvalidInput.field(f"{field}.{index}", problem)
    return [found[file_id] for file_id in ids]


def scanned_codes(scans: list[CaseFile]) -> set[str]:
    return {case_file.material_code for case_file in scans}


def attach_scans(case, actor, scans: list[CaseFile]) -> None:
    """The decision made the case: its staged scans become its files, each recorded with its SHA-256."""
    for case_file in scans:
        case_file.case_id = case.id
        db.session.flush()
        record_file_event(case, actor, case_file, scanned_at=case_file.uploaded_at.isoformat(),
                          before_decision=True)
    if scans:
        logger.info("case %s: %d staged scans attached", case.case_no, len(scans))


def prune_staged_scans(now=None) -> int:
    """Delete the staged scans older than ``STAGED_SCAN_MAX_AGE_HOURS`` (the blobs stay). Flushes."""
    now = now or lifecycle.now_utc()
    cutoff = now - timedelta(hours=current_app.config["STAGED_SCAN_MAX_AGE_HOURS"])
    result = db.session.execute(_staged(sa.delete(CaseFile)).where(CaseFile.uploaded_at < cutoff)
                                .execution_options(synchronize_session=False))
    if result.rowcount:
        logger.info("pruned %d staged scans older than %s", result.rowcount, cutoff.isoformat())
    return result.rowcount
