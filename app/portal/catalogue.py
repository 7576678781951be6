"""The public catalogue (办事指南 list): the newest published version of every item offered in a region, searched
by name or code and filtered by department, sector, theme, service object, exercise level and online depth,
counted and paged in SQL. Filter values are checked against what exists: an unknown value is reported on its
field and not applied."""
import datetime as dt
import logging
import math
import time
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from app.cases.models import Case
from app.catalogue.models import EXERCISE_LEVELS, ONLINE_DEPTHS, ServiceItem
from app.catalogue.services import latest_published
from app.extensions import db
from app.network.models import Department, Region, Sector
from app.network.offering import offered_in_clause
from app.themes.definitions import member_codes, published_themes

logger = logging.getLogger(__name__)

PER_PAGE = 10
MAX_QUERY = 50
#: 个人办事 / 法人办事: service-object codes (GB/T 39046: 1 自然人; 2–6 legal persons and organisations)
OBJECT_GROUPS = {"person": ("1",), "legal": ("2", "3", "4", "5", "6")}
OBJECT_LABELS = {"person": "个人办事", "legal": "法人办事"}
#: popular items: the most decided cases in this many days, recomputed at most every POPULAR_TTL seconds
POPULAR_DAYS = 90
POPULAR_TTL = 600


@dataclass
class Filters:
    q: str = ""
    region: Region | None = None
    department: str = ""
    sector: str = ""
    theme: str = ""
    object: str = ""
    level: str = ""
    depth: str = ""
    page: int = 1
    errors: dict = field(default_factory=dict)

    def as_args(self, **changes) -> dict:
        """Query-string arguments of these filters (for paging links), without empty values."""
        args = {"q": self.q, "region": self.region.code if self.region else "", "department": self.department,
                "sector": self.sector, "theme": self.theme, "object": self.object, "level": self.level,
                "depth": self.depth, "page": self.page if self.page > 1 else "", **changes}
        return {key: value for key, value in args.items() if value}


def themes() -> list[tuple[str, str]]:
    """一件事 themes as (code, name) to browse by (the published themes of app.themes)."""
    return [(theme.code, theme.name) for theme in published_themes()]


def default_region() -> Region | None:
    """The portal's own region: ``PORTAL_REGION_CODE`` when set, else the first city-level region."""
    code = current_app.config.get("PORTAL_REGION_CODE")
    query = sa.select(Region).where(Region.active.is_(True))
    query = query.where(Region.code == code) if code else query.where(Region.level == "city").order_by(Region.code)
    return db.session.scalars(query).first() or db.session.scalars(
        sa.select(Region).where(Region.active.is_(True)).order_by(Region.code)).first()


def regions_to_pick() -> list[Region]:
    """Active regions inside the portal's region, in code order (a street follows its district)."""
    root = default_region()
    query = sa.select(Region).where(Region.active.is_(True)).order_by(Region.code)
    if root is not None:
        query = query.where(Region.scope_prefix.startswith(root.scope_prefix))
    return db.session.scalars(query).all()


def departments_offering(region: Region | None) -> list[tuple[Department, int]]:
    """Departments with published items offered in ``region``, with how many, by name."""
    items = latest_published().where(offered_in_clause(region, ServiceItem)).subquery() if region else \
        latest_published().subquery()
    rows = db.session.execute(
        sa.select(Department, sa.func.count()).join(items, items.c.department_id == Department.id)
        .group_by(Department.id).order_by(Department.code)).all()
    return [(department, count) for department, count in rows]


def sectors() -> list[Sector]:
    return db.session.scalars(sa.select(Sector).order_by(Sector.position, Sector.code)).all()


def read_filters(args) -> Filters:
    """Filters from a query string; every value is bounded and checked (errors by field name)."""
    filters = Filters(q=(args.get("q") or "").strip()[:MAX_QUERY])
    errors = filters.errors
    region_code = (args.get("region") or "").strip()
    if region_code:
        filters.region = db.session.scalars(sa.select(Region).where(
            Region.code == region_code[:12], Region.active.is_(True))).first()
        if filters.region is None:
            errors["region"] = "所选区划不存在"
    filters.region = filters.region or default_region()
    department = (args.get("department") or "").strip()[:40]
    if department and db.session.scalars(sa.select(Department.id).where(Department.code == department)).first():
        filters.department = department
    elif department:
        errors["department"] = "所选部门不存在"
    sector = (args.get("sector") or "").strip()[:40]
    if sector and db.session.get(Sector, sector) is not None:
        filters.sector = sector
    elif sector:
        errors["sector"] = "所选板块不存在"
    theme = (args.get("theme") or "").strip()[:40]
    if theme and theme in dict(themes()):
        filters.theme = theme
    elif theme:
        errors["theme"] = "所选主题不存在"
    for name, table in (("object", OBJECT_GROUPS), ("level", EXERCISE_LEVELS), ("depth", ONLINE_DEPTHS)):
        value = (args.get(name) or "").strip()
        if value in table:
            setattr(filters, name, value)
        elif value:
            errors[name] = "筛选条件无效"
    page = args.get("page", "1")
    filters.page = int(page) if str(page).isdigit() and 0 < int(page) < 100000 else 1
    return filters


def _filtered(filters: Filters):
    statement = latest_published()
    if filters.region is not None:
        statement = statement.where(offered_in_clause(filters.region, ServiceItem))
    if filters.q:
        statement = statement.where(sa.or_(ServiceItem.name.icontains(filters.q, autoescape=True),
                                           ServiceItem.code.icontains(filters.q, autoescape=True),
                                           ServiceItem.basic_code == filters.q))
    if filters.department:
        statement = statement.join(Department, ServiceItem.department_id == Department.id).where(
            Department.code == filters.department)
    if filters.sector:
        statement = statement.where(ServiceItem.sector == filters.sector)
    if filters.object:
        # service_objects is a JSON list of code strings; its text holds each code in quotes on every database
        text = sa.cast(ServiceItem.service_objects, sa.Text)
        statement = statement.where(sa.or_(*(text.contains(f'"{code}"') for code in OBJECT_GROUPS[filters.object])))
    if filters.level:
        statement = statement.where(ServiceItem.exercise_level == filters.level)
    if filters.depth:
        statement = statement.where(ServiceItem.online_depth == filters.depth)
    if filters.theme:  # the member items of the 一件事
        statement = statement.where(ServiceItem.code.in_(member_codes(filters.theme)))
    return statement


def search(filters: Filters, per_page: int = PER_PAGE) -> dict:
    """One page of items: {results, total, page, pages}; a page past the end shows the last one."""
    statement = _filtered(filters)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(statement.subquery()))
    pages = max(math.ceil(total / per_page), 1)
    page = min(filters.page, pages)
    items = db.session.scalars(
        statement.options(selectinload(ServiceItem.department), selectinload(ServiceItem.region))
        .order_by(ServiceItem.code).limit(per_page).offset((page - 1) * per_page)).all()
    return {"results": items, "total": total, "page": page, "pages": pages}


def popular_items(region: Region | None, limit: int = 6) -> list[ServiceItem]:
    """Items offered in ``region`` with the most decided cases recently (cached a while per region); the first
    items of the catalogue while nothing has been decided."""
    cache = current_app.extensions.setdefault("portal_popular", {})
    key = region.code if region else ""
    hit = cache.get(key)
    if hit is None or hit[0] < time.monotonic():
        hit = (time.monotonic() + POPULAR_TTL, _popular_codes(region, limit))
        cache[key] = hit
    codes = hit[1]
    items = {i.code: i for i in db.session.scalars(latest_published().where(ServiceItem.code.in_(codes))).all()}
    return [items[code] for code in codes if code in items]


def _popular_codes(region: Region | None, limit: int) -> list[str]:
    offered = _filtered(Filters(region=region)).subquery()
    since = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=POPULAR_DAYS)
    codes = db.session.scalars(
        sa.select(ServiceItem.code).join(Case, Case.item_id == ServiceItem.id)
        .where(Case.decided_at >= since, ServiceItem.code.in_(sa.select(offered.c.code)))
        .group_by(ServiceItem.code).order_by(sa.func.count().desc(), ServiceItem.code).limit(limit)).all()
    if len(codes) < limit:
        codes += [code for code in db.session.scalars(sa.select(offered.c.code).order_by(offered.c.code).limit(limit))
                  if code not in codes][:limit - len(codes)]
    return codes
