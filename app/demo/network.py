"""The demo service network below the city centre: two districts with their centres, 全科窗口, market
regulators and supervisors, a street 为民服务中心, a community 便民服务站 with its 代办员, the food licence
claimed by both districts (on the 全城通办 list), a 省内通办 example and a 全程代办 key project followed by the
community's 代办员. Every row is created only when
missing (by code / username), so re-running ``flask seed-demo`` neither duplicates nor overwrites."""
import logging

import sqlalchemy as sa

from app.accounts.models import User
from app.catalogue.claims import claim_item
from app.catalogue.models import ServiceItem
from app.database import utcnow
from app.extensions import db
from app.network.models import Department, Project, Region, ServiceCentre, TongbanListing, Window, scope_prefix_of

logger = logging.getLogger(__name__)

# (code, name, level, parent code)
REGIONS = [
    ("330100", "示范市", "city", None),
    ("330102", "东城区", "district", "330100"),
    ("330103", "西城区", "district", "330100"),
    ("330102001", "东城街道", "street", "330102"),
    ("330102001001", "幸福社区", "community", "330102001"),
]
# (code, name, kind, region code, parent centre code, address)
CENTRES = [
    ("330102", "东城区政务服务中心", "district", "330102", None, "示范市东城区人民路1号"),
    ("330103", "西城区政务服务中心", "district", "330103", None, "示范市西城区文化路8号"),
    ("330102001", "东城街道为民服务中心", "street", "330102001", None, "东城街道建设路20号"),
    ("330102001001", "幸福社区便民服务站", "station", "330102001001", None, "幸福社区党群服务中心一楼"),
]
# (code, name, centre code): 全科窗口 accept every item their centre offers
GENERAL_WINDOWS = [
    ("W-GENERAL", "全科窗口", "330100"),
    ("W-DC-GENERAL", "东城区全科窗口", "330102"),
    ("W-XC-GENERAL", "西城区全科窗口", "330103"),
    ("W-DCJD-GENERAL", "东城街道全科窗口", "330102001"),
]
# (code, name, short name, region code)
DEPARTMENTS = [
    ("DC-SCJGJ", "示范市东城区市场监督管理局", "东城区市场监管局", "330102"),
    ("XC-SCJGJ", "示范市西城区市场监督管理局", "西城区市场监管局", "330103"),
]
_DEPT_PEOPLE = {"DC-SCJGJ": ("马", "朱", "胡", "郭"), "XC-SCJGJ": ("林", "何", "孔", "严")}
_ROLE_TITLES = (("handler", "承办"), ("reviewer", "审核"), ("approver", "首席代表"), ("head", "负责人"))
# (username, display name, role, window code, region code, centre code)
USERS = [
    ("clerk_general", "全科窗口 周敏", "clerk", "W-GENERAL", None, None),
    ("clerk_dongcheng", "东城区全科窗口 吴婷", "clerk", "W-DC-GENERAL", None, None),
    ("clerk_xicheng", "西城区全科窗口 郑洁", "clerk", "W-XC-GENERAL", None, None),
    ("clerk_dongcheng_street", "东城街道全科窗口 王芳", "clerk", "W-DCJD-GENERAL", None, None),
    ("supervisor_dongcheng", "东城区电子监察 钟督查", "supervisor", None, "330102", None),
    ("supervisor_xicheng", "西城区电子监察 叶督查", "supervisor", None, "330103", None),
    ("agent_xingfu", "幸福社区代办员 刘阿姨", "agent", None, "330102001001", "330102001001"),
]
# (base item, claiming region, implementation code, department, promised limit)
CLAIMS = [
    ("330100-XK-001", "330102", "330102-XK-001", "DC-SCJGJ", 4),
    ("330100-XK-001", "330103", "330103-XK-001", "XC-SCJGJ", 5),
]
# (item code, scope, mode)
LISTINGS = [
    ("330102-XK-001", "city", "proxy"),
    ("330103-XK-001", "city", "proxy"),
    ("330100-JB-001", "province", "online"),
]

#: 全程代办: a key project whose cases the assigned 代办员 follows through every department
PROJECT = {"code": "XM-2026-001", "name": "东城区幸福社区养老服务中心建设项目", "region": "330102",
           "agent": "agent_xingfu"}


def _one(model, **where):
    return db.session.scalars(sa.select(model).filter_by(**where)).first()


def _regions() -> dict[str, Region]:
    regions = {}
    for code, name, level, parent in REGIONS:
        region = _one(Region, code=code)
        if region is None:
            region = Region(code=code, name=name, level=level, parent=regions.get(parent),
                            scope_prefix=scope_prefix_of(code))
            db.session.add(region)
        regions[code] = region
    db.session.flush()
    return regions


def _centres(regions, city_centre) -> dict[str, ServiceCentre]:
    centres = {city_centre.code: city_centre}
    for code, name, kind, region, parent, address in CENTRES:
        centre = _one(ServiceCentre, code=code)
        if centre is None:
            centre = ServiceCentre(code=code, name=name, kind=kind, region=regions[region], address=address,
                                   parent_centre=centres.get(parent), hours="周一至周五 9:00-17:00")
            db.session.add(centre)
        centres[code] = centre
    for code, name, centre in GENERAL_WINDOWS:
        if _one(Window, code=code) is None:
            db.session.add(Window(code=code, name=name, kind="general", sector=None, centre=centres[centre]))
    db.session.flush()
    return centres


def _staff(regions, centres, password_hash) -> None:
    departments = {}
    for code, name, short_name, region in DEPARTMENTS:
        department = _one(Department, code=code)
        if department is None:
            department = Department(code=code, name=name, short_name=short_name, region=regions[region])
            db.session.add(department)
        departments[code] = department
    people = [(f"{d.lower().replace('-', '_')}_{role}", f"{surname}工", role, d)
              for d, surnames in _DEPT_PEOPLE.items()
              for (role, _title), surname in zip(_ROLE_TITLES, surnames, strict=True)]
    for username, display_name, role, department in people:
        if _one(User, username=username) is None:
            db.session.add(User(username=username, display_name=display_name, role=role,
                                password_hash=password_hash, department=departments[department]))
    for username, display_name, role, window, region, centre in USERS:
        if _one(User, username=username) is None:
            db.session.add(User(username=username, display_name=display_name, role=role,
                                password_hash=password_hash, window=_one(Window, code=window) if window else None,
                                region=regions.get(region), centre=centres.get(centre)))
    db.session.flush()


def _claims() -> None:
    admin = _one(User, username="admin")
    for base, region, code, department, limit in CLAIMS:
        if _one(ServiceItem, code=code) is not None or _one(ServiceItem, code=base) is None:
            continue
        claim = claim_item(base, {"code": code, "region_code": region, "department_code": department,
                                  "promised_limit": limit}, admin)
        now = utcnow()
        claim.status, claim.submitted_by, claim.submitted_at = "published", "seed-demo", now
        claim.reviewed_by, claim.reviewed_at, claim.published_at = "seed-demo", now, now
    for code, scope, mode in LISTINGS:
        if _one(TongbanListing, item_code=code, scope=scope) is None and _one(ServiceItem, code=code) is not None:
            db.session.add(TongbanListing(item_code=code, scope=scope, mode=mode))
    db.session.flush()


def seed_network(password_hash: str) -> None:
    """Add what is missing of the demo network (needs the city centre and catalogue of app.demo.seed)."""
    city_centre = _one(ServiceCentre, code="330100")
    if city_centre is None:
        return
    regions = _regions()
    centres = _centres(regions, city_centre)
    _staff(regions, centres, password_hash)
    _claims()
    if _one(Project, code=PROJECT["code"]) is None:
        db.session.add(Project(code=PROJECT["code"], name=PROJECT["name"], region=regions[PROJECT["region"]],
                               agent=_one(User, username=PROJECT["agent"])))
        db.session.flush()
    logger.info("demo network: %d regions, %d centres", len(regions), len(centres))
