"""认领 (实施清单): a region below the item's region implements it as a new item series of its own — its own
implementation code and department (of that region), a promised limit no longer than the base's — as a
draft version copying the base's elements, materials and co-departments, then reviewed and published like
any version. The basic code is shared. Flushes, never commits."""
import logging

import sqlalchemy as sa

from app.database import utcnow
from app.errors import Forbidden, InvalidInput
from app.extensions import db
from app.network.models import Department, Region

from .models import ItemCoDepartment, ItemMaterial, ServiceItem
from .services import published_item
from .versions import COPIED_ELEMENTS, MATERIAL_FIELDS

logger = logging.getLogger(__name__)

#: elements the claiming region sets itself; everything else is copied from the base version
_OWN = ("department_id", "region_id", "base_code", "promised_limit")


def _claiming_region(actor, region_code: str | None) -> Region:
    scope = actor.scope_region
    if region_code is None:
        if scope is None:
            raise InvalidInput.field("region_code", "请指定认领区域")
        return scope
    region = db.session.scalars(sa.select(Region).where(Region.code == region_code)).first()
    if region is None:
        raise InvalidInput.field("region_code", f"区域 {region_code} 不存在")
    if scope is None or not scope.contains(region.code):
        raise Forbidden(f"只有{region.name}的流程设计人员可以为该区域认领事项")
    return region


def _check_claim(base: ServiceItem, region: Region, payload: dict) -> Department:
    if region.id == base.region_id or not base.region.contains(region.code):
        raise InvalidInput.field("region_code", f"只有{base.region.name}的下级区域可以认领事项 {base.code}")
    claimed = db.session.scalars(sa.select(ServiceItem.code).where(
        ServiceItem.base_code == base.code, ServiceItem.region_id == region.id)).first()
    if claimed:
        raise InvalidInput.field("region_code", f"{region.name}已认领事项 {base.code}（实施编码 {claimed}）")
    if db.session.scalars(sa.select(ServiceItem.id).where(ServiceItem.code == payload["code"])).first():
        raise InvalidInput.field("code", f"实施编码 {payload['code']} 已被使用")
    department = db.session.scalars(
        sa.select(Department).where(Department.code == payload["department_code"])).first()
    if department is None:
        raise InvalidInput.field("department_code", f"部门 {payload['department_code']} 不存在")
    if department.region_id != region.id:
        raise InvalidInput.field("department_code", f"实施主体须为{region.name}的部门，{department.name}不是")
    limit = payload.get("promised_limit", base.promised_limit)
    if limit > base.promised_limit:
        raise InvalidInput.field("promised_limit", f"承诺时限不得超过被认领事项的承诺时限（{base.promised_limit}）")
    return department


def claim_item(base_code: str, payload: dict, actor) -> ServiceItem:
    """A new item series in the claiming region, version 1 as a draft (404 when the base is not published)."""
    base = published_item(base_code)
    region = _claiming_region(actor, payload.get("region_code"))
    department = _check_claim(base, region, payload)
    claim = ServiceItem(code=payload["code"], version=1, status="draft", region=region, base_code=base.code,
                        department=department, promised_limit=payload.get("promised_limit", base.promised_limit))
    for name in COPIED_ELEMENTS:
        if name not in _OWN:
            setattr(claim, name, getattr(base, name))
    claim.materials = [ItemMaterial(position=m.position, **{f: getattr(m, f) for f in MATERIAL_FIELDS})
                       for m in base.materials]
    claim.co_departments = [ItemCoDepartment(department_id=c.department_id, position=c.position)
                            for c in base.co_departments]
    claim.edited_by, claim.edited_at = actor.username, utcnow()
    db.session.add(claim)
    db.session.flush()
    logger.info("item %s claimed by region %s as %s (by %s)", base.code, region.code, claim.code, actor.username)
    return claim
