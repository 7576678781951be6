"""Drafts of a process: saved on the server (explicitly or by autosave), submitted, then approved — and only
then deployed — by a reviewer of the 行政审批 office who is not the draft's designer (four eyes). One open
draft per process; a rollback is a new draft holding an old version's XML. Flushes, never commits."""
import logging

import sqlalchemy as sa

from app.database import utcnow
from app.errors import Conflict, InvalidInput, NotFound
from app.extensions import db
from app.workflow import ProcessDefinition

from . import services
from .models import OPEN_STATES, ProcessDraft
from .review import check_reviewer

logger = logging.getLogger(__name__)


def open_draft(process_key: str) -> ProcessDraft | None:
    return db.session.scalars(
        sa.select(ProcessDraft)
        .where(ProcessDraft.process_key == process_key, ProcessDraft.status.in_(OPEN_STATES))
        .order_by(ProcessDraft.id.desc())
    ).first()


def get_draft(draft_id: int, lock: bool = False) -> ProcessDraft:
    query = sa.select(ProcessDraft).where(ProcessDraft.id == draft_id)
    draft = db.session.scalars(query.with_for_update() if lock else query).first()
    if draft is None:
        raise NotFound(f"草稿 {draft_id} 不存在")
    return draft


def save_draft(process_key: str, payload: dict, actor) -> ProcessDraft:
    """Create the process's open draft or overwrite it. ``revision`` (what the editor loaded) must match the
    stored one, so an old tab's autosave never overwrites a newer save (409)."""
    if payload.get("base_version"):
        services.definition_source(process_key, payload["base_version"])  # 404 for a version that is not there
    draft = open_draft(process_key)
    if draft is not None:
        draft = get_draft(draft.id, lock=True)
    if draft is None:
        draft = ProcessDraft(process_key=process_key, base_version=payload.get("base_version"),
                             created_by=actor.username, status="draft", revision=0)
        db.session.add(draft)
    elif draft.status != "draft":
        raise Conflict("草稿已提交审核，审核结束前不能修改；如需修改请先撤回")
    elif payload.get("revision") is not None and payload["revision"] != draft.revision:
        raise Conflict(f"草稿已被 {draft.updated_by} 于其他窗口更新（第 {draft.revision} 次保存），请重新加载后再修改")
    draft.file_name = payload["file_name"]
    draft.bpmn_xml = payload["bpmn_xml"]
    if payload.get("note") is not None:
        draft.note = payload["note"].strip()
    draft.updated_by, draft.updated_at = actor.username, utcnow()
    draft.revision += 1
    db.session.flush()
    logger.info("%s saved draft %s of %s (revision %s)", actor.username, draft.id, process_key, draft.revision)
    return draft


def rollback_to(process_key: str, version: int, actor) -> ProcessDraft:
    """A new draft holding the XML of an old version (回退); it is deployed like any other draft."""
    if open_draft(process_key) is not None:
        raise Conflict("该流程已有未部署的草稿：请先提交或撤回它，再回退")
    source = services.definition_source(process_key, version)
    draft = ProcessDraft(process_key=process_key, base_version=version, file_name=source["bpmn_file"],
                         bpmn_xml=source["bpmn_xml"], note=f"回退到 v{version}", created_by=actor.username,
                         updated_by=actor.username, status="draft", revision=1)
    db.session.add(draft)
    db.session.flush()
    return draft


def submit(draft_id: int, note: str, actor) -> ProcessDraft:
    """Submit for review: only a draft that passes validation; the reason for the change is required."""
    draft = get_draft(draft_id, lock=True)
    if draft.status != "draft":
        raise Conflict("只有草稿可以提交审核")
    note = (note or draft.note or "").strip()
    if not note:
        raise InvalidInput.field("note", "请说明本次修改的原因")
    problems = services.validate_upload(draft.bpmn_xml, draft.file_name)
    if problems:
        raise services.refused(problems)
    keys = services.process_keys(draft.bpmn_xml.encode("utf-8"), draft.file_name)
    if draft.process_key not in keys:
        raise InvalidInput.field("bpmn_xml", f"文件中的可执行流程是 {', '.join(keys)}，不是草稿的流程 {draft.process_key}")
    draft.note, draft.status = note, "in_review"
    draft.submitted_by, draft.submitted_at = actor.username, utcnow()
    db.session.flush()
    logger.info("%s submitted draft %s of %s for review", actor.username, draft.id, draft.process_key)
    return draft


def submit_file(file_name: str, bpmn_xml: str, note: str, actor) -> ProcessDraft:
    """A whole file submitted at once (the API, a script): becomes the open draft of its process, submitted."""
    problems = services.validate_upload(bpmn_xml, file_name)
    if problems:
        raise services.refused(problems)
    process_key = services.process_keys(bpmn_xml.encode("utf-8"), file_name)[0]
    latest = services.latest_version(process_key)
    current = open_draft(process_key)
    draft = save_draft(process_key, {"file_name": file_name, "bpmn_xml": bpmn_xml, "base_version": latest,
                                     "revision": current.revision if current else None, "note": note}, actor)
    return submit(draft.id, note, actor)


def withdraw(draft_id: int, actor) -> ProcessDraft:
    draft = get_draft(draft_id, lock=True)
    if draft.status != "in_review":
        raise Conflict("草稿不在审核中")
    draft.status = "draft"
    db.session.flush()
    return draft


def approve(draft_id: int, note: str | None, actor) -> tuple[ProcessDraft, list[dict]]:
    """The second person's approval deploys the draft (validated again: the departments may have changed)."""
    draft = get_draft(draft_id, lock=True)
    if draft.status != "in_review":
        raise Conflict("草稿不在审核中，不能审核通过")
    check_reviewer(draft, actor)
    deployed = services.deploy_upload(draft.bpmn_xml, draft.file_name, _Designer(draft.submitted_by))
    mine = [d for d in deployed if d["process_key"] == draft.process_key] or deployed
    draft.status, draft.deployed_version = "deployed", mine[0]["version"]
    draft.reviewed_by, draft.reviewed_at = actor.username, utcnow()
    draft.review_note = (note or "").strip() or None
    db.session.flush()
    logger.info("%s approved draft %s: %s v%s deployed", actor.username, draft.id, draft.process_key,
                draft.deployed_version)
    return draft, deployed


def reject(draft_id: int, note: str, actor) -> ProcessDraft:
    """Sent back to its designer as a draft again, with the reviewer's reason."""
    draft = get_draft(draft_id, lock=True)
    if draft.status != "in_review":
        raise Conflict("草稿不在审核中")
    check_reviewer(draft, actor)
    if not (note or "").strip():
        raise InvalidInput.field("note", "退回须说明理由")
    draft.status = "draft"
    draft.reviewed_by, draft.reviewed_at, draft.review_note = actor.username, utcnow(), note.strip()
    db.session.flush()
    return draft


def in_review() -> list[ProcessDraft]:
    return db.session.scalars(
        sa.select(ProcessDraft).where(ProcessDraft.status == "in_review").order_by(ProcessDraft.submitted_at)
    ).all()


def history(process_key: str) -> list[dict]:
    """Deployed versions, newest first, with who made them, who approved, when and why."""
    rows = db.session.scalars(
        sa.select(ProcessDefinition).where(ProcessDefinition.process_key == process_key)
        .order_by(ProcessDefinition.version.desc())
    ).all()
    if not rows:
        raise NotFound(f"流程 {process_key} 尚未部署")
    drafts = {d.deployed_version: d for d in db.session.scalars(
        sa.select(ProcessDraft)
        .where(ProcessDraft.process_key == process_key, ProcessDraft.status == "deployed"))}
    running = services.running_instances([r.id for r in rows])
    result = []
    for index, row in enumerate(rows):
        draft = drafts.get(row.version)
        result.append({"version": row.version, "latest": index == 0, "deployed_at": row.deployed_at,
                       "deployed_by": row.deployed_by, "approved_by": draft.reviewed_by if draft else None,
                       "note": draft.note if draft else ("随系统提供" if row.deployed_by == "seed-demo" else ""),
                       "content_hash": row.content_hash, "running_instances": running.get(row.id, 0)})
    return result


class _Designer:
    """The actor recorded as the deployer: the designer who submitted, not the reviewer who approved."""

    def __init__(self, username):
        self.username = username
