"""Managing the service network: regions, sectors, window kinds, centres, windows and departments.
Every change is checked against the admin's scope and recorded in the audit trail. Flushes, never commits."""
import logging

import sqlalchemy as sa

from app.applicants.identity import IdKind, credit_code_problem, normalise_id
from app.errors import Conflict, InvalidInput, NotFound
from app.extensions import db
from app.network.models import (
    REGION_LEVELS, Department, Region, Sector, ServiceCentre, Window, WindowKind, level_of, scope_prefix_of,
)

from . import audit
from .paging import search
from .scope import require_city_admin, require_code, require_region_edit, scope_prefix

logger = logging.getLogger(__name__)

LEVEL_ORDER = ("province", "city", "district", "street", "community")
CODE_LENGTHS = {"province": 6, "city": 6, "district": 6, "street": 9, "community": 12}
#: the region level each centre kind sits at
CENTRE_LEVELS = {"city": ("city",), "district": ("district",), "branch": ("city", "district"),
                 "street": ("street",), "station": ("community",)}


def _get(model, key, field: str | None = None):
    record = db.session.get(model, key) if key is not None else None
    if record is None:
        if field:
            raise InvalidInput.field(field, "不存在")
        raise NotFound("记录不存在")
    return record


def _unique(model, column, value, field: str) -> None:
    if db.session.scalars(sa.select(model).where(column == value)).first() is not None:
        raise Conflict(f"代码 {value} 已存在", {"json": {field: ["已存在"]}})


def _apply(record, changes: dict) -> None:
    for key, value in changes.items():
        setattr(record, key, value)


def _in_scope(query, admin, code_column):
    prefix = scope_prefix(admin)
    return query if prefix is None else query.where(code_column.like(f"{prefix}%"))


def _changed(admin, entity_type, record, region_code, before, action="update"):
    db.session.flush()
    audit.record(admin, action, entity_type, getattr(record, "code", None) or record.id, region_code,
                 before, audit.snapshot(record))
    return record


def _created(admin, entity_type, record, region_code):
    db.session.add(record)
    db.session.flush()
    audit.record(admin, "create", entity_type, getattr(record, "code", None) or record.id, region_code,
                 None, audit.snapshot(record))
    return record


# --- regions -------------------------------------------------------------------------------------------
def region_query(admin, q="", parent_id=None, level=None):
    query = _in_scope(sa.select(Region), admin, Region.code).order_by(Region.code)
    if parent_id is not None:
        query = query.where(Region.parent_id == parent_id)
    if level:
        query = query.where(Region.level == level)
    return search(query, q, Region.code, Region.name)


def region_tree(admin) -> list[dict]:
    """The regions the admin manages as nested nodes (roots: regions whose parent is outside the list)."""
    regions = db.session.scalars(region_query(admin)).all()
    nodes = {r.id: {"id": r.id, "code": r.code, "name": r.name, "level": r.level, "active": r.active,
                    "children": []} for r in regions}
    roots = []
    for region in regions:
        parent = nodes.get(region.parent_id)
        (parent["children"] if parent else roots).append(nodes[region.id])
    return roots


def get_region(admin, region_id: int) -> Region:
    region = _get(Region, region_id)
    require_code(admin, region.code)
    return region


def _check_region_code(code: str, level: str, parent: Region | None) -> None:
    if len(code) != CODE_LENGTHS[level]:
        raise InvalidInput.field("code", f"{REGION_LEVELS[level]}级区划代码应为 {CODE_LENGTHS[level]} 位")
    if level_of(code) != level:
        raise InvalidInput.field("code", "区划代码与层级不符（市级以 00 结尾，区县级不以 00 结尾）")
    if parent is None:
        if level not in ("province", "city"):
            raise InvalidInput.field("parent_id", "请选择上级区划")
        return
    if LEVEL_ORDER.index(parent.level) >= LEVEL_ORDER.index(level) or (
            level != "city" and LEVEL_ORDER.index(parent.level) != LEVEL_ORDER.index(level) - 1):
        raise InvalidInput.field("parent_id", "上级区划的层级不对")
    if not parent.active:
        raise InvalidInput.field("parent_id", "上级区划已停用")
    if not code.startswith(parent.scope_prefix) or code == parent.code:
        raise InvalidInput.field("code", f"区划代码应以上级区划的 {parent.scope_prefix} 开头")


def create_region(admin, code: str, name: str, level: str, parent_id: int | None) -> Region:
    parent = _get(Region, parent_id, "parent_id") if parent_id is not None else None
    require_code(admin, parent.code if parent else code)  # out of scope is 403 before any check of the code
    if parent is None and scope_prefix(admin) is not None:
        raise InvalidInput.field("parent_id", "请选择上级区划")
    _check_region_code(code, level, parent)
    _unique(Region, Region.code, code, "code")
    region = Region(code=code, name=name, level=level, parent=parent, scope_prefix=scope_prefix_of(code))
    return _created(admin, "region", region, code)


def update_region(admin, region_id: int, changes: dict) -> Region:
    region = _get(Region, region_id)
    require_region_edit(admin, region)
    if changes.get("active") is False and region.active:
        children = sa.select(sa.func.count()).where(Region.parent_id == region.id, Region.active.is_(True))
        if db.session.scalar(children):
            raise Conflict("请先停用下级区划", {"json": {"active": ["仍有启用的下级区划"]}})
    before = audit.snapshot(region)
    _apply(region, changes)
    return _changed(admin, "region", region, region.code, before)


# --- sectors and window kinds (city-wide reference data) -----------------------------------------------
def sector_query(q=""):
    return search(sa.select(Sector).order_by(Sector.position, Sector.code), q, Sector.code, Sector.name)


def window_kind_query(q=""):
    return search(sa.select(WindowKind).order_by(WindowKind.code), q, WindowKind.code, WindowKind.name)


def sectors() -> list[Sector]:
    return list(db.session.scalars(sector_query()))


def window_kinds() -> list[WindowKind]:
    return list(db.session.scalars(window_kind_query()))


def create_sector(admin, code: str, name: str, position: int) -> Sector:
    require_city_admin(admin)
    _unique(Sector, Sector.code, code, "code")
    return _created(admin, "sector", Sector(code=code, name=name, position=position), None)


def update_sector(admin, code: str, changes: dict) -> Sector:
    require_city_admin(admin)
    sector = _get(Sector, code)
    before = audit.snapshot(sector)
    _apply(sector, changes)
    return _changed(admin, "sector", sector, None, before)


def create_window_kind(admin, code: str, name: str, accepts: str) -> WindowKind:
    require_city_admin(admin)
    _unique(WindowKind, WindowKind.code, code, "code")
    return _created(admin, "window_kind", WindowKind(code=code, name=name, accepts=accepts), None)


def update_window_kind(admin, code: str, changes: dict) -> WindowKind:
    require_city_admin(admin)
    kind = _get(WindowKind, code)
    before = audit.snapshot(kind)
    _apply(kind, changes)
    return _changed(admin, "window_kind", kind, None, before)


# --- centres -------------------------------------------------------------------------------------------
def centre_query(admin, q="", region_id=None, kind=None):
    query = sa.select(ServiceCentre).join(ServiceCentre.region).order_by(Region.code, ServiceCentre.code)
    query = _in_scope(query, admin, Region.code)
    if region_id is not None:
        query = query.where(ServiceCentre.region_id == region_id)
    if kind:
        query = query.where(ServiceCentre.kind == kind)
    return search(query, q, ServiceCentre.code, ServiceCentre.name)


def get_centre(admin, centre_id: int) -> ServiceCentre:
    centre = _get(ServiceCentre, centre_id)
    require_code(admin, centre.region.code)
    return centre


def _check_centre(centre: ServiceCentre) -> None:
    region = centre.region
    if region.level not in CENTRE_LEVELS[centre.kind]:
        raise InvalidInput.field("kind", "中心类型与所在区划层级不符")
    parent = centre.parent_centre
    if centre.kind == "branch":
        if parent is None:
            raise InvalidInput.field("parent_centre_id", "分中心须选择所属的市或区县政务服务中心")
        if parent.kind not in ("city", "district") or not parent.region.contains(region.code):
            raise InvalidInput.field("parent_centre_id", "所属中心应为本区划（或上级）的市或区县政务服务中心")
    elif parent is not None:
        raise InvalidInput.field("parent_centre_id", "只有分中心需要所属中心")


def create_centre(admin, data: dict) -> ServiceCentre:
    region = _get(Region, data["region_id"], "region_id")
    require_code(admin, region.code)
    if not region.active:
        raise InvalidInput.field("region_id", "该区划已停用")
    parent_id = data.pop("parent_centre_id", None)
    centre = ServiceCentre(**{**data, "region_id": region.id}, region=region,
                           parent_centre=_get(ServiceCentre, parent_id, "parent_centre_id") if parent_id else None)
    _check_centre(centre)
    _unique(ServiceCentre, ServiceCentre.code, data["code"], "code")
    return _created(admin, "centre", centre, region.code)


def update_centre(admin, centre_id: int, changes: dict) -> ServiceCentre:
    centre = get_centre(admin, centre_id)
    before = audit.snapshot(centre)
    if "parent_centre_id" in changes:
        parent_id = changes.pop("parent_centre_id")
        centre.parent_centre = _get(ServiceCentre, parent_id, "parent_centre_id") if parent_id else None
    _apply(centre, changes)
    _check_centre(centre)
    return _changed(admin, "centre", centre, centre.region.code, before)


# --- windows -------------------------------------------------------------------------------------------
def window_query(admin, q="", centre_id=None):
    query = (sa.select(Window).join(Window.centre).join(ServiceCentre.region)
             .order_by(ServiceCentre.code, Window.code))
    query = _in_scope(query, admin, Region.code)
    if centre_id is not None:
        query = query.where(Window.centre_id == centre_id)
    return search(query, q, Window.code, Window.name)


def get_window(admin, window_id: int) -> Window:
    window = _get(Window, window_id)
    require_code(admin, window.centre.region.code)
    return window


def _check_window(window: Window) -> None:
    kind = db.session.get(WindowKind, window.kind) if window.kind else None
    if kind is None:
        raise InvalidInput.field("kind", "窗口类型不存在")
    window.window_kind = kind
    if kind.accepts == "all":
        window.sector = None  # 全科窗口 accepts every sector its centre offers
    elif not window.sector:
        raise InvalidInput.field("sector", "请选择窗口所属板块（全科窗口除外）")
    elif db.session.get(Sector, window.sector) is None:
        raise InvalidInput.field("sector", "板块不存在")


def create_window(admin, data: dict) -> Window:
    centre = _get(ServiceCentre, data["centre_id"], "centre_id")
    require_code(admin, centre.region.code)
    data.setdefault("active", True)
    window = Window(**data, centre=centre)
    _check_window(window)
    _unique(Window, Window.code, data["code"], "code")
    return _created(admin, "window", window, centre.region.code)


def update_window(admin, window_id: int, changes: dict) -> Window:
    window = get_window(admin, window_id)
    before = audit.snapshot(window)
    _apply(window, changes)
    _check_window(window)
    return _changed(admin, "window", window, window.centre.region.code, before)


# --- departments ---------------------------------------------------------------------------------------
def department_query(admin, q="", region_id=None):
    query = sa.select(Department).join(Department.region).order_by(Region.code, Department.code)
    query = _in_scope(query, admin, Region.code)
    if region_id is not None:
        query = query.where(Department.region_id == region_id)
    return search(query, q, Department.code, Department.name, Department.short_name)


def get_department(admin, department_id: int) -> Department:
    department = _get(Department, department_id)
    require_code(admin, department.region.code)
    return department


def _credit_code(changes: dict) -> None:
    if "credit_code" not in changes:
        return
    value = (changes["credit_code"] or "").strip()
    if not value:
        changes["credit_code"] = None
        return
    problem = credit_code_problem(value)
    if problem:
        raise InvalidInput.field("credit_code", problem)
    changes["credit_code"] = normalise_id(IdKind.CREDIT_CODE, value)


def create_department(admin, data: dict) -> Department:
    region = _get(Region, data["region_id"], "region_id")
    require_code(admin, region.code)
    if not region.active:
        raise InvalidInput.field("region_id", "该区划已停用")
    _credit_code(data)
    _unique(Department, Department.code, data["code"], "code")
    return _created(admin, "department", Department(**data, region=region), region.code)


def update_department(admin, department_id: int, changes: dict) -> Department:
    department = get_department(admin, department_id)
    _credit_code(changes)
    before = audit.snapshot(department)
    _apply(department, changes)
    return _changed(admin, "department", department, department.region.code, before)
