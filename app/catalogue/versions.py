"""Versions of service items: draft → in_review → published → retired. A published version is never
edited; a change is a new draft copied from it. Publishing retires the previously published version;
cases keep referencing the version row they were accepted under. Flushes, never commits."""
import logging

import sqlalchemy as sa

from app.database import utcnow
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.extensions import db
from app.forms.conditions import condition_problems
from app.forms.schema import schema_problems
from app.network.models import Department

from .models import ItemCoDepartment, ItemMaterial, ServiceItem
from .review import check_review_authority
from .rules import vague_material_problem

logger = logging.getLogger(__name__)

EDITABLE = ("draft",)
OPEN = ("draft", "in_review")
COPIED_ELEMENTS = ("basic_code", "name", "item_type", "exercise_level", "case_type", "sector", "department_id",
           "legal_basis", "service_objects", "acceptance_conditions", "legal_limit", "legal_limit_unit",
           "promised_limit", "promised_limit_unit", "charges_fee", "fee_basis", "handling_forms", "online_depth",
           "result_name", "process_key", "timeout_action", "countersign_mode", "region_id", "base_code",
           "form_schema", "situations", "disclose_cases", "disclosure_note")
MATERIAL_FIELDS = ("code", "name", "issuing_body", "originals", "copies", "required", "form", "standard",
                   "condition", "condition_note", "situations", "sample_url")
#: material elements that stay as they were when an input (a workbook row) does not give them
_SITUATIONAL = ("condition", "condition_note", "situations", "sample_url")


def versions_of(code: str) -> list[ServiceItem]:
    items = db.session.scalars(
        sa.select(ServiceItem).where(ServiceItem.code == code).order_by(ServiceItem.version)
    ).all()
    if not items:
        raise NotFound(f"事项 {code} 不存在")
    return items


def version_of(code: str, version: int, lock: bool = False) -> ServiceItem:
    query = sa.select(ServiceItem).where(ServiceItem.code == code, ServiceItem.version == version)
    item = db.session.scalars(query.with_for_update() if lock else query).first()
    if item is None:
        raise NotFound(f"事项 {code} 第 {version} 版不存在")
    return item


def _department(code: str, field: str) -> Department:
    department = db.session.scalars(sa.select(Department).where(Department.code == code)).first()
    if department is None:
        raise InvalidInput.field(field, f"部门 {code} 不存在")
    return department


def _check_process(process_key: str) -> None:
    from app.workflow import latest_definition

    if latest_definition(process_key, required=False) is None:
        raise InvalidInput.field("process_key", f"流程 {process_key} 尚未部署")


def _check_form(form_schema, materials: list[dict], situations) -> None:
    """The form must be one the server can enforce, and every condition must name its fields (422)."""
    problems = schema_problems(form_schema)
    if problems:
        raise InvalidInput("申请表定义有误：" + "；".join(problems), {"json": {"form_schema": problems}})
    by_code = condition_problems(form_schema, materials, situations)
    if by_code:
        first = next(iter(by_code.values()))
        errors = {"situations": [by_code.pop("situations")]} if "situations" in by_code else {}
        index = {m["code"]: i for i, m in enumerate(materials)}
        if by_code:
            errors["materials"] = {index[code]: {"condition": [message]} for code, message in by_code.items()}
        raise InvalidInput(first, {"json": errors})


def _material_rows(item: ServiceItem) -> list[dict]:
    return [{f: getattr(m, f) for f in MATERIAL_FIELDS} for m in item.materials]


def _apply(item: ServiceItem, elements: dict, actor: str) -> None:
    elements = dict(elements)
    previous = {m.code: m for m in item.materials}
    materials = [{**{f: getattr(previous[m["code"]], f) for f in _SITUATIONAL if f not in m and m["code"] in previous},
                  **m} for m in elements.pop("materials", [])]
    _check_form(elements.get("form_schema", item.form_schema), materials,
                elements.get("situations", item.situations))
    co_codes = elements.pop("co_department_codes", [])
    item.department = _department(elements.pop("department_code"), "department_code")
    if item.region_id is None:  # a new item series is implemented in its department's region
        item.region = item.department.region
    elif item.department.region_id != item.region_id:
        raise InvalidInput.field("department_code", f"部门 {item.department.code} 不属于事项的实施区域")
    _check_process(elements["process_key"])
    co_departments = [_department(code, f"co_department_codes.{i}") for i, code in enumerate(co_codes)]
    if item.department in co_departments or len(set(co_codes)) != len(co_codes):
        raise InvalidInput.field("co_department_codes", "联办部门不能重复，也不能包含实施主体")
    for name, value in elements.items():
        setattr(item, name, value)
    item.materials.clear()
    item.co_departments.clear()
    db.session.flush()  # delete the old rows before inserting rows with the same unique keys
    item.materials.extend(ItemMaterial(position=i, **m) for i, m in enumerate(materials))
    item.co_departments.extend(ItemCoDepartment(department=d, position=i) for i, d in enumerate(co_departments))
    item.edited_by, item.edited_at = actor, utcnow()


def elements_of(item: ServiceItem, field_names) -> dict:
    """The input (ItemElementsSchema) that keeps ``item`` as it is: a page edits a few fields of it."""
    elements = {name: getattr(item, name) for name in field_names
                if name not in ("department_code", "co_department_codes", "materials", "form_schema")
                and hasattr(item, name)}
    elements["department_code"] = item.department.code
    elements["co_department_codes"] = [c.department.code for c in item.co_departments]
    elements["materials"] = [{f: getattr(m, f) for f in MATERIAL_FIELDS if getattr(m, f) is not None}
                             for m in item.materials]
    return elements


def _open_version(code: str) -> ServiceItem | None:
    return db.session.scalars(
        sa.select(ServiceItem).where(ServiceItem.code == code, ServiceItem.status.in_(OPEN))
    ).first()


def create_item(elements: dict, actor: str) -> ServiceItem:
    """A new service item: version 1 as a draft."""
    elements = dict(elements)
    code = elements.pop("code")
    if db.session.scalars(sa.select(ServiceItem.id).where(ServiceItem.code == code)).first():
        raise Conflict(f"事项 {code} 已存在，请为其新建版本")
    item = ServiceItem(code=code, version=1, status="draft")
    _apply(item, elements, actor)  # added afterwards: its lookups must not autoflush a half-filled row
    db.session.add(item)
    db.session.flush()
    logger.info("item %s v1 drafted by %s", code, actor)
    return item


def new_draft(code: str, actor: str, elements: dict | None = None) -> ServiceItem:
    """A new draft version copied from the newest version (all elements, materials and co-departments),
    or built from ``elements`` when given (workbook import)."""
    existing = versions_of(code)
    if _open_version(code):
        raise Conflict(f"事项 {code} 已有未发布的草稿或待审核版本，请先处理该版本")
    source = existing[-1]
    draft = ServiceItem(code=code, version=source.version + 1, status="draft")
    for name in COPIED_ELEMENTS:
        if hasattr(source, name):
            setattr(draft, name, getattr(source, name))
    draft.materials = [ItemMaterial(position=m.position, **{f: getattr(m, f) for f in MATERIAL_FIELDS})
                       for m in source.materials]
    draft.co_departments = [ItemCoDepartment(department_id=c.department_id, position=c.position)
                            for c in source.co_departments]
    draft.edited_by, draft.edited_at = actor, utcnow()
    db.session.add(draft)
    db.session.flush()
    if elements is not None:
        _apply(draft, elements, actor)
        db.session.flush()
    logger.info("item %s v%d drafted by %s from v%d", code, draft.version, actor, source.version)
    return draft


def update_draft(code: str, version: int, elements: dict, actor: str) -> ServiceItem:
    item = version_of(code, version, lock=True)
    if item.status not in EDITABLE:
        raise Conflict(f"事项 {code} 第 {version} 版状态为「{item.status}」，只有草稿可以修改；请新建版本")
    _apply(item, elements, actor)
    db.session.flush()
    return item


def update_form(code: str, version: int, form_schema: dict | None, actor: str) -> ServiceItem:
    """Replace the draft's application form (the form-js editor saves here); conditions must still fit it."""
    item = version_of(code, version, lock=True)
    if item.status not in EDITABLE:
        raise Conflict(f"事项 {code} 第 {version} 版状态为「{item.status}」，只有草稿可以修改；请新建版本")
    _check_form(form_schema, _material_rows(item), item.situations)
    item.form_schema = form_schema
    item.edited_by, item.edited_at = actor, utcnow()
    db.session.flush()
    logger.info("item %s v%d form saved by %s", code, version, actor)
    return item


def _check_vague_materials(item: ServiceItem) -> None:
    errors = {}
    for index, material in enumerate(item.materials):
        problem = vague_material_problem(material.name)
        if problem:
            errors[index] = {"name": [problem]}
    if errors:
        first = next(iter(errors.values()))["name"][0]
        raise InvalidInput(first, {"json": {"materials": errors}})


def submit(code: str, version: int, actor: str) -> ServiceItem:
    item = version_of(code, version, lock=True)
    if item.status != "draft":
        raise Conflict("只有草稿可以提交审核")
    if not item.materials:
        raise Conflict("事项没有申请材料，不能提交审核")
    _check_vague_materials(item)
    _check_form(item.form_schema, _material_rows(item), item.situations)
    item.status, item.submitted_by, item.submitted_at = "in_review", actor, utcnow()
    item.reviewed_by = item.reviewed_at = item.review_note = None
    db.session.flush()
    return item


def _check_reviewer(item: ServiceItem, reviewer) -> None:
    check_review_authority(item, reviewer)  # first: who may not review gets 403 whatever the status
    if item.status != "in_review":
        raise Conflict("只有待审核的版本可以审核")


def approve(code: str, version: int, reviewer, note: str | None = None) -> ServiceItem:
    """Publish the version and retire the previously published one of the same item. ``reviewer`` is the
    User reviewing: an approver/head of the item type's review authority (app.catalogue.review)."""
    item = version_of(code, version, lock=True)
    _check_reviewer(item, reviewer)
    actor = reviewer.username
    now = utcnow()
    for previous in db.session.scalars(sa.select(ServiceItem).where(
            ServiceItem.code == code, ServiceItem.status == "published")).all():
        previous.status, previous.retired_at = "retired", now
    item.status, item.reviewed_by, item.reviewed_at, item.published_at = "published", actor, now, now
    item.review_note = note
    db.session.flush()
    logger.info("item %s v%d published by %s", code, version, actor)
    return item


def reject(code: str, version: int, reviewer, reason: str) -> ServiceItem:
    item = version_of(code, version, lock=True)
    _check_reviewer(item, reviewer)
    item.status, item.reviewed_by, item.reviewed_at, item.review_note = "draft", reviewer.username, utcnow(), reason
    db.session.flush()
    return item


def request_retire(code: str, version: int, reviewer, reason: str) -> ServiceItem:
    """The first of the two reviewers retiring a published version: asks, with a reason."""
    item = version_of(code, version, lock=True)
    check_review_authority(item, reviewer, not_own=False)
    if item.status != "published":
        raise Conflict("只有已发布的版本可以停用")
    if item.retire_requested_by is not None:
        raise Conflict(f"{item.retire_requested_by} 已申请停用该版本，请由另一名审核人确认")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput.field("reason", "申请停用须说明理由")
    item.retire_requested_by, item.retire_requested_at, item.retire_reason = reviewer.username, utcnow(), reason
    db.session.flush()
    logger.info("item %s v%d: retirement requested by %s", code, version, reviewer.username)
    return item


def withdraw_retire_request(code: str, version: int, reviewer) -> ServiceItem:
    item = version_of(code, version, lock=True)
    check_review_authority(item, reviewer, not_own=False)
    if item.status != "published" or item.retire_requested_by is None:
        raise Conflict("该版本没有待确认的停用申请")
    item.retire_requested_by = item.retire_requested_at = item.retire_reason = None
    db.session.flush()
    return item


def retire(code: str, version: int, reviewer) -> ServiceItem:
    """The second reviewer confirms a retirement another reviewer of the authority requested; both are
    recorded on the version (``retire_requested_by``, ``retired_by``)."""
    item = version_of(code, version, lock=True)
    check_review_authority(item, reviewer, not_own=False)
    if item.status != "published":
        raise Conflict("只有已发布的版本可以停用")
    if item.retire_requested_by is None:
        raise Conflict("停用须先由一名审核人申请（说明理由），再由另一名审核人确认")
    if item.retire_requested_by == reviewer.username:
        raise Forbidden("停用申请人不能自己确认停用，请由另一名审核人确认")
    item.status, item.retired_at, item.retired_by = "retired", utcnow(), reviewer.username
    db.session.flush()
    logger.info("item %s v%d retired by %s (requested by %s)", code, version, reviewer.username,
                item.retire_requested_by)
    return item
