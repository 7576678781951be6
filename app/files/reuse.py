"""材料复用: materials the same applicant (same ID number / credit code) already gave in earlier cases that are
still valid, and e-licences this system issued to them, offered at acceptance as already held (免提交).
A reuse is recorded with its source: a ``reuse`` case file pointing at the same SHA-256 (or at the licence)
and a case event."""
import logging
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from app.applicants.identity import IdKind, normalise_id
from app.cases import lifecycle
from app.cases.events import record_event
from app.cases.models import Case
from app.catalogue.services import published_item
from app.errors import InvalidInput
from app.extensions import db
from app.licences.models import Licence

from .models import ATTACHMENT_CODE, CaseFile

logger = logging.getLogger(__name__)

#: an earlier case whose materials are not offered again: refused (不予受理 / 不予许可), terminated or withdrawn
INVALID_CASE_STATUSES = ("not_accepted", "terminated", "withdrawn")
APPLICANT_STAGES = ("window-scan", "online", "supplement", "reuse")


@dataclass(frozen=True)
class Reuse:
    code: str
    name: str
    file: CaseFile | None = None
    licence: Licence | None = None


def _id_number(applicant: dict) -> str:
    kind = IdKind.CITIZEN_ID if applicant["kind"] == "person" else IdKind.CREDIT_CODE
    return normalise_id(kind, applicant["id_number"])


def _reusable_files_query(id_number: str):
    since = lifecycle.now_utc() - timedelta(days=current_app.config["MATERIAL_REUSE_MAX_AGE_DAYS"])
    return (
        sa.select(CaseFile).join(Case, CaseFile.case_id == Case.id)
        .where(Case.applicant_id_number == id_number, Case.status.not_in(INVALID_CASE_STATUSES),
               sa.or_(Case.result.is_(None), Case.result != "refused"),
               CaseFile.stage.in_(APPLICANT_STAGES), CaseFile.material_code != ATTACHMENT_CODE,
               CaseFile.sha256.is_not(None), CaseFile.uploaded_at >= since)
    )


def held_licences(id_number: str) -> list[Licence]:
    today = lifecycle.local_now().date()
    return db.session.scalars(
        sa.select(Licence).where(Licence.holder_code == id_number, Licence.status == "valid",
                                 sa.or_(Licence.valid_to.is_(None), Licence.valid_to >= today))
        .order_by(Licence.issued_on.desc(), Licence.id.desc())
    ).all()


def _file_matches(case_file: CaseFile, item, material) -> bool:
    same_item = case_file.case.item.code == item.code and case_file.material_code == material.code
    return same_item or case_file.material_name == material.name


def _licence_matches(licence: Licence, material) -> bool:
    return licence.name == material.name or licence.name in material.name or material.name in licence.name


def reuse_offer(actor, item_code: str, applicant: dict) -> dict:
    """For the window: per material of the item's checklist, the earlier files and e-licences it may reuse."""
    item = published_item(item_code)
    lifecycle.require_window_clerk(actor, item)
    id_number = _id_number(applicant)
    files = db.session.scalars(_reusable_files_query(id_number)
                               .order_by(CaseFile.uploaded_at.desc(), CaseFile.id.desc())).all()
    licences = held_licences(id_number)
    materials = []
    for material in item.materials:
        seen, matched = set(), []
        for case_file in files:
            if case_file.sha256 not in seen and _file_matches(case_file, item, material):
                seen.add(case_file.sha256)
                matched.append(case_file)
        held = [lic for lic in licences if _licence_matches(lic, material)]
        if matched or held:
            materials.append({"code": material.code, "name": material.name, "required": material.required,
                              "files": matched, "licences": held})
    return {"materials": materials, "licences": licences,
            "max_age_days": current_app.config["MATERIAL_REUSE_MAX_AGE_DAYS"]}


def validated_reuse(item, applicant: dict, requested: list[dict]) -> list[Reuse]:
    """Check each requested reuse (422 naming ``reuse.<n>.<field>``): a material of the item, and a file of
    one of the applicant's earlier still-valid cases or a valid licence issued to them."""
    if not requested:
        return []
    id_number = _id_number(applicant)
    materials = {m.code: m for m in item.materials}
    plan = []
    for index, entry in enumerate(requested):
        material = materials.get(entry["material"])
        if material is None:
            raise InvalidInput.field(f"reuse.{index}.material", f"不属于事项 {item.code} 材料清单的材料编码")
        if (entry.get("file_id") is None) == (entry.get("licence_id") is None):
            raise InvalidInput.field(f"reuse.{index}.file_id", "请指定复用的材料文件（file_id）或电子证照（licence_id）之一")
        if entry.get("file_id") is not None:
            case_file = db.session.scalars(
                _reusable_files_query(id_number).where(CaseFile.id == entry["file_id"])).first()
            if case_file is None:
                raise InvalidInput.field(f"reuse.{index}.file_id", "该文件不是本申请人仍有效的历史材料，不能复用")
            plan.append(Reuse(material.code, material.name, file=case_file))
        else:
            licence = next((lic for lic in held_licences(id_number) if lic.id == entry["licence_id"]), None)
            if licence is None:
                raise InvalidInput.field(f"reuse.{index}.licence_id", "该证照不是本系统向本申请人核发的有效证照")
            plan.append(Reuse(material.code, material.name, licence=licence))
    return plan


def reused_codes(plan: list[Reuse]) -> set[str]:
    return {reuse.code for reuse in plan}


def record_reuse(case, actor, plan: list[Reuse]) -> None:
    """A ``reuse`` case file and a case event for each reused material (the caller holds the case)."""
    for reuse in plan:
        source, licence = reuse.file, reuse.licence
        case_file = CaseFile(
            case_id=case.id, material_code=reuse.code, material_name=reuse.name, stage="reuse",
            sha256=source.sha256 if source else None, size=source.size if source else 0,
            media_type=source.media_type if source else None,
            filename=source.filename if source else f"{licence.name}（{licence.number}）"[:200],
            uploaded_by_id=actor.id, uploaded_by_name=actor.display_name, uploaded_at=lifecycle.now_utc(),
            source_file_id=source.id if source else None,
            source_case_id=source.case_id if source else licence.case_id,
            source_licence_id=licence.id if licence else None,
        )
        db.session.add(case_file)
        db.session.flush()
        source_case = source.case if source else licence.case
        record_event(case, actor, "file.reused", file_id=case_file.id, material=reuse.code,
                     material_name=reuse.name, sha256=case_file.sha256, source_case_no=source_case.case_no,
                     source_file_id=case_file.source_file_id,
                     **({"licence_number": licence.number} if licence else {}))
    if plan:
        logger.info("case %s reuses %d materials", case.case_no, len(plan))
