"""Theme (一件事) definitions: versions draft → in_review → published → retired, like items (app.catalogue.versions).
A published version is never edited; a change is a new draft copied from it. The review needs a second person of
the authority ``rules/item_review.toml`` names for ``theme``. Every reference is checked (422 naming the field):
member items published, dependencies among the members and without cycles, conditions and form mappings on known
fields, material targets on the members' checklists. Flushes, never commits."""
import logging

import sqlalchemy as sa

from app.catalogue.models import ServiceItem
from app.catalogue.review import check_review_authority
from app.catalogue.services import published_item
from app.database import utcnow
from app.errors import Conflict, InvalidInput, NotFound
from app.extensions import db
from app.forms.schema import field_keys, schema_problems
from app.network.models import Department, Region, Sector
from app.workflow import EXPRESSION_BUILTINS, ExpressionError, expression_names

from .models import REFUSAL_RULES, Theme, ThemeMember

logger = logging.getLogger(__name__)

ELEMENTS = ("name", "description", "sector", "promised_limit", "refusal_rule", "form_schema", "materials")
MEMBER_FIELDS = ("item_code", "mandatory", "condition", "condition_note", "depends_on", "field_map", "reuse")
APPLICANT_FIELDS = ("name", "id_number", "phone", "kind")


def versions_of(code: str) -> list[Theme]:
    themes = db.session.scalars(sa.select(Theme).where(Theme.code == code).order_by(Theme.version)).all()
    if not themes:
        raise NotFound(f"一件事 {code} 不存在")
    return themes


def version_of(code: str, version: int, lock: bool = False) -> Theme:
    query = sa.select(Theme).where(Theme.code == code, Theme.version == version)
    theme = db.session.scalars(query.with_for_update() if lock else query).first()
    if theme is None:
        raise NotFound(f"一件事 {code} 第 {version} 版不存在")
    return theme


def published_themes() -> list[Theme]:
    return db.session.scalars(sa.select(Theme).where(Theme.status == "published").order_by(Theme.code)).all()


def published_theme(code: str) -> Theme:
    theme = db.session.scalars(sa.select(Theme).where(Theme.code == code, Theme.status == "published")).first()
    if theme is None:
        raise NotFound(f"一件事 {code} 不存在或未发布")
    return theme


def _names_problem(expression: str, keys: set[str]) -> str | None:
    try:
        names = expression_names(expression)
    except ExpressionError as exc:
        return f"条件无效：{exc}"
    unknown = sorted(names - keys - EXPRESSION_BUILTINS)
    return f"条件引用了一表申请中没有的字段：{', '.join(unknown)}" if unknown else None


def _source_problem(source, keys: set[str]) -> str | None:
    if not isinstance(source, str) or not source:
        return "映射来源须为一表申请字段、applicant.<字段> 或 =常量"
    if source.startswith("="):
        return None
    if source.startswith("applicant."):
        return None if source.split(".", 1)[1] in APPLICANT_FIELDS else f"申请人没有字段 {source}"
    return None if source in keys else f"一表申请中没有字段 {source}"


def _check_member(index: int, member: dict, items: dict, keys: set[str]) -> None:
    where = f"members.{index}"
    item = items[member["item_code"]]
    if member.get("condition"):
        problem = _names_problem(member["condition"], keys)
        if problem:
            raise InvalidInput.field(f"{where}.condition", problem)
    elif not member.get("mandatory", True):
        raise InvalidInput.field(f"{where}.condition", "按情形办理的事项须写明适用条件")
    for dependency in member.get("depends_on") or []:
        if dependency not in items or dependency == member["item_code"]:
            raise InvalidInput.field(f"{where}.depends_on", f"前置事项 {dependency} 不是本一件事的其他成员事项")
    item_keys = field_keys(item.form_schema)
    for target, source in (member.get("field_map") or {}).items():
        if target not in item_keys:
            raise InvalidInput.field(f"{where}.field_map", f"事项 {item.code} 的申请表没有字段 {target}")
        problem = _source_problem(source, keys)
        if problem:
            raise InvalidInput.field(f"{where}.field_map", problem)
    codes = {m.code for m in item.materials}
    for material, source in (member.get("reuse") or {}).items():
        if material not in codes or source not in items or source == member["item_code"]:
            raise InvalidInput.field(f"{where}.reuse", f"证照复用 {material} ← {source}：材料或来源事项不属于本一件事")


def _check_cycles(members: list[dict]) -> None:
    graph = {m["item_code"]: list(m.get("depends_on") or []) for m in members}
    done, visiting = set(), set()

    def visit(code):
        if code in done:
            return
        if code in visiting:
            raise InvalidInput.field("members", f"前置关系形成循环（{code}）")
        visiting.add(code)
        for dependency in graph.get(code, []):
            visit(dependency)
        visiting.discard(code)
        done.add(code)

    for code in graph:
        visit(code)


def _check_materials(materials: list[dict], items: dict, keys: set[str]) -> None:
    seen = set()
    for index, material in enumerate(materials):
        if material["code"] in seen:
            raise InvalidInput.field(f"materials.{index}.code", "材料编码重复")
        seen.add(material["code"])
        if material.get("condition"):
            problem = _names_problem(material["condition"], keys)
            if problem:
                raise InvalidInput.field(f"materials.{index}.condition", problem)
        for position, target in enumerate(material.get("targets") or []):
            item = items.get(target["item"])
            if item is None or target["material"] not in {m.code for m in item.materials}:
                raise InvalidInput.field(f"materials.{index}.targets.{position}",
                                         f"{target['item']} 的材料清单中没有 {target['material']}")


def _check(elements: dict) -> dict:
    """Check a theme's elements; returns the member items by code."""
    problems = schema_problems(elements.get("form_schema"))
    if problems:
        raise InvalidInput("一表申请定义有误：" + "；".join(problems), {"json": {"form_schema": problems}})
    keys = field_keys(elements.get("form_schema"))
    members = elements["members"]
    if len(members) < 2:
        raise InvalidInput.field("members", "一件事至少包含两个事项")
    items = {}
    for index, member in enumerate(members):
        if member["item_code"] in items:
            raise InvalidInput.field(f"members.{index}.item_code", "成员事项重复")
        try:
            items[member["item_code"]] = published_item(member["item_code"])
        except NotFound as exc:
            raise InvalidInput.field(f"members.{index}.item_code", exc.message) from exc
    for index, member in enumerate(members):
        _check_member(index, member, items, keys)
    _check_cycles(members)
    _check_materials(elements.get("materials") or [], items, keys)
    if elements.get("refusal_rule", "continue") not in REFUSAL_RULES:
        raise InvalidInput.field("refusal_rule", "未知的不予办理规则")
    if db.session.get(Sector, elements["sector"]) is None:
        raise InvalidInput.field("sector", f"领域 {elements['sector']} 不存在")
    return items


def _department(code):
    if not code:
        return None
    department = db.session.scalars(sa.select(Department).where(Department.code == code)).first()
    if department is None:
        raise InvalidInput.field("coordinator", f"部门 {code} 不存在")
    return department


def _apply(theme: Theme, elements: dict, actor: str) -> None:
    _check(elements)
    for name in ELEMENTS:
        if name in elements:
            setattr(theme, name, elements[name])
    theme.coordinator = _department(elements.get("coordinator"))
    region_code = elements.get("region_code")
    if region_code or theme.region_id is None:
        region = db.session.scalars(sa.select(Region).where(Region.code == (region_code or "330100"))).first()
        if region is None:
            raise InvalidInput.field("region_code", f"区划 {region_code} 不存在")
        theme.region = region
    theme.members.clear()
    db.session.flush()
    theme.members.extend(ThemeMember(position=i, **{f: m.get(f) for f in MEMBER_FIELDS if f in m})
                         for i, m in enumerate(elements["members"]))
    theme.edited_by, theme.edited_at = actor, utcnow()


def elements_of(theme: Theme) -> dict:
    return {**{name: getattr(theme, name) for name in ELEMENTS},
            "coordinator": theme.coordinator.code if theme.coordinator else None, "region_code": theme.region.code,
            "members": [{f: getattr(m, f) for f in MEMBER_FIELDS} for m in theme.members]}


def create_theme(elements: dict, actor: str) -> Theme:
    elements = dict(elements)
    code = elements.pop("code")
    if db.session.scalars(sa.select(Theme.id).where(Theme.code == code)).first():
        raise Conflict(f"一件事 {code} 已存在，请为其新建版本")
    theme = Theme(code=code, version=1, status="draft")
    _apply(theme, elements, actor)
    db.session.add(theme)
    db.session.flush()
    logger.info("theme %s v1 drafted by %s", code, actor)
    return theme


def new_draft(code: str, actor: str) -> Theme:
    existing = versions_of(code)
    if any(t.status in ("draft", "in_review") for t in existing):
        raise Conflict(f"一件事 {code} 已有未发布的草稿或待审核版本，请先处理该版本")
    source = existing[-1]
    draft = Theme(code=code, version=source.version + 1, status="draft", region_id=source.region_id)
    _apply(draft, elements_of(source), actor)  # added afterwards: its lookups must not autoflush a half-filled row
    db.session.add(draft)
    db.session.flush()
    return draft


def update_draft(code: str, version: int, elements: dict, actor: str) -> Theme:
    theme = version_of(code, version, lock=True)
    if theme.status != "draft":
        raise Conflict("只有草稿可以修改；请新建版本")
    _apply(theme, elements, actor)
    db.session.flush()
    return theme


def submit(code: str, version: int, actor: str) -> Theme:
    theme = version_of(code, version, lock=True)
    if theme.status != "draft":
        raise Conflict("只有草稿可以提交审核")
    _check(elements_of(theme))  # member items may have been retired since
    theme.status, theme.submitted_by, theme.submitted_at = "in_review", actor, utcnow()
    theme.reviewed_by = theme.reviewed_at = theme.review_note = None
    db.session.flush()
    return theme


def approve(code: str, version: int, reviewer, note: str | None = None) -> Theme:
    theme = version_of(code, version, lock=True)
    check_review_authority(theme, reviewer)
    if theme.status != "in_review":
        raise Conflict("只有待审核的版本可以审核")
    now = utcnow()
    for previous in db.session.scalars(sa.select(Theme).where(Theme.code == code, Theme.status == "published")):
        previous.status, previous.retired_at = "retired", now
    theme.status, theme.reviewed_by, theme.reviewed_at, theme.published_at = "published", reviewer.username, now, now
    theme.review_note = note
    db.session.flush()
    logger.info("theme %s v%d published by %s", code, version, reviewer.username)
    return theme


def reject(code: str, version: int, reviewer, reason: str) -> Theme:
    theme = version_of(code, version, lock=True)
    check_review_authority(theme, reviewer)
    if theme.status != "in_review":
        raise Conflict("只有待审核的版本可以审核")
    theme.status, theme.reviewed_by, theme.reviewed_at, theme.review_note = "draft", reviewer.username, utcnow(), reason
    db.session.flush()
    return theme


def member_items(theme: Theme) -> dict[str, ServiceItem]:
    """The newest published version of each member item, by code (404 when one was withdrawn)."""
    return {m.item_code: published_item(m.item_code) for m in theme.members}


def member_codes(code: str) -> list[str]:
    """The item codes of the published theme ``code`` (the portal's catalogue filter)."""
    return list(db.session.scalars(sa.select(ThemeMember.item_code).join(Theme).where(
        Theme.code == code, Theme.status == "published")))
