"""The demo service network below the city (issue 11): two districts with their centres, 全科窗口 and
market-regulation bureaus, a street 为民服务中心, a community 便民服务站 with its 代办员, the districts'
claims of 食品经营许可 on a 全城通办 listing, and a 全程代办 key project. Idempotent (get-or-create by code),
so it can run after (or beside) any other seed of the same network. Flushes, never commits."""
import logging

import sqlalchemy as sa

from app.accounts.models import User
from app.catalogue.models import ItemCoDepartment, ItemMaterial, ServiceItem
from app.extensions import db
from app.network.models import Department, Project, Region, ServiceCentre, TongbanListing, Window, scope_prefix_of

logger = logging.getLogger(__name__)

CITY_CODE = "330100"
#: (code, name, level, parent code)
REGIONS = [
    ("330102", "东城区", "district", "330100"),
    ("330103", "西城区", "district", "330100"),
    ("330102001", "东城街道", "street", "330102"),
    ("330102001001", "幸福社区", "community", "330102001"),
]
#: (code, name, kind, region code, parent centre code)
CENTRES = [
    ("330102", "东城区政务服务中心", "district", "330102", None),
    ("330103", "西城区政务服务中心", "district", "330103", None),
    ("330102001", "东城街道为民服务中心", "street", "330102001", "330102"),
    ("330102001001", "幸福社区便民服务站", "station", "330102001001", "330102001"),
]
#: (code, name, centre code) — every one a 全科窗口
GENERAL_WINDOWS = [
    ("W-GENERAL", "全科窗口", "330100"),
    ("W-DC-GENERAL", "东城区全科窗口", "330102"),
    ("W-XC-GENERAL", "西城区全科窗口", "330103"),
    ("W-DC001-GENERAL", "东城街道全科窗口", "330102001"),
]
#: (code, name, short name, region code)
DEPARTMENTS = [
    ("DC-SCJGJ", "示范市东城区市场监督管理局", "东城区市场监管局", "330102"),
    ("XC-SCJGJ", "示范市西城区市场监督管理局", "西城区市场监管局", "330103"),
]
_ROLE_TITLES = (("handler", "承办"), ("reviewer", "审核"), ("approver", "首席代表"), ("head", "负责人"))
#: (username, display name, role, window code, region code, station centre code)
USERS = [
    ("clerk_general", "市中心全科窗口 方圆", "clerk", "W-GENERAL", None, None),
    ("clerk_dongcheng", "东城区全科窗口 顾晨", "clerk", "W-DC-GENERAL", None, None),
    ("clerk_xicheng", "西城区全科窗口 施雨", "clerk", "W-XC-GENERAL", None, None),
    ("clerk_dongcheng_street", "东城街道全科窗口 潘悦", "clerk", "W-DC001-GENERAL", None, None),
    ("supervisor_dongcheng", "东城区电子监察 严明", "supervisor", None, "330102", None),
    ("supervisor_xicheng", "西城区电子监察 白洁", "supervisor", None, "330103", None),
    ("agent_xingfu", "幸福社区代办员 金秀", "agent", None, None, "330102001001"),
]
#: (implementation code, claiming region, department, promised limit) — claims of the city's item
CLAIMS = [("330102-XK-001", "330102", "DC-SCJGJ", 5), ("330103-XK-001", "330103", "XC-SCJGJ", 4)]
BASE_ITEM = "330100-XK-001"
PROJECT = {"code": "XM-2026-001", "name": "东城区幸福社区养老服务中心建设项目", "region": "330102",
           "agent": "agent_xingfu"}


def _get(model, **key):
    return db.session.scalars(sa.select(model).filter_by(**key)).first()


def _regions() -> dict[str, Region]:
    regions = {r.code: r for r in db.session.scalars(sa.select(Region))}
    for code, name, level, parent in REGIONS:
        if code not in regions:
            regions[code] = Region(code=code, name=name, level=level, parent=regions[parent],
                                   scope_prefix=scope_prefix_of(code))
            db.session.add(regions[code])
    db.session.flush()
    return regions


def _centres(regions) -> dict[str, ServiceCentre]:
    centres = {c.code: c for c in db.session.scalars(sa.select(ServiceCentre))}
    for code, name, kind, region, parent in CENTRES:
        if code not in centres:
            centres[code] = ServiceCentre(code=code, name=name, kind=kind, region=regions[region],
                                          parent_centre=centres.get(parent), hours="周一至周五 9:00-17:00")
            db.session.add(centres[code])
    for code, name, centre in GENERAL_WINDOWS:
        if _get(Window, code=code) is None:
            db.session.add(Window(code=code, name=name, centre=centres[centre], kind="general", sector=None))
    db.session.flush()
    return centres


def _departments(regions) -> dict[str, Department]:
    for code, name, short_name, region in DEPARTMENTS:
        if _get(Department, code=code) is None:
            db.session.add(Department(code=code, name=name, short_name=short_name, region=regions[region]))
    db.session.flush()
    return {d.code: d for d in db.session.scalars(sa.select(Department))}


def _users(password_hash, regions, centres, departments) -> None:
    people = list(USERS)
    for code, _name, short_name, _region in DEPARTMENTS:
        for role, title in _ROLE_TITLES:
            people.append((f"{code.lower().replace('-', '_')}_{role}", f"{short_name} {title}", role, None, None, None))
    for username, display_name, role, window, region, station in people:
        if _get(User, username=username) is not None:
            continue
        department = None
        if role in dict(_ROLE_TITLES):
            department = departments[username.rsplit("_", 1)[0].upper().replace("_", "-")]
        db.session.add(User(username=username, display_name=display_name, role=role, password_hash=password_hash,
                            window=_get(Window, code=window) if window else None, department=department,
                            region=regions.get(region) if region else None,
                            centre=centres.get(station) if station else None))
    db.session.flush()


def _claims(regions, departments) -> None:
    base = db.session.scalars(sa.select(ServiceItem).where(ServiceItem.code == BASE_ITEM, ServiceItem.status == "published")
                              .order_by(ServiceItem.version.desc())).first()
    if base is None:
        return
    copied = {c.name for c in ServiceItem.__table__.columns} - {
        "id", "code", "region_id", "base_code", "department_id", "promised_limit", "version", "status", "created_at"}
    for code, region, department, promised in CLAIMS:
        if _get(ServiceItem, code=code) is None:
            item = ServiceItem(**{name: getattr(base, name) for name in copied}, code=code, region=regions[region],
                               base_code=base.code, department=departments[department],
                               promised_limit=min(promised, base.promised_limit), version=1, status="published")
            item.materials = [ItemMaterial(**{c.name: getattr(m, c.name) for c in ItemMaterial.__table__.columns
                                              if c.name not in ("id", "item_id")}) for m in base.materials]
            item.co_departments = [ItemCoDepartment(department=c.department, position=c.position)
                                   for c in base.co_departments]
            db.session.add(item)
        if _get(TongbanListing, item_code=code, scope="city") is None:
            db.session.add(TongbanListing(item_code=code, scope="city", mode="proxy"))
    db.session.flush()


def _project(regions) -> None:
    if _get(Project, code=PROJECT["code"]) is None:
        db.session.add(Project(code=PROJECT["code"], name=PROJECT["name"], region=regions[PROJECT["region"]],
                               agent=_get(User, username=PROJECT["agent"])))
        db.session.flush()


def ensure_network_demo(password_hash: str) -> None:
    if _get(Region, code=CITY_CODE) is None:
        return
    regions = _regions()
    centres = _centres(regions)
    departments = _departments(regions)
    _users(password_hash, regions, centres, departments)
    _claims(regions, departments)
    _project(regions)
    logger.info("demo network: %d regions, %d centres", len(regions), len(centres))
