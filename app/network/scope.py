"""Region scope: which cases a user's work is about. A region contains a code when the code starts with the
region's ``scope_prefix``, so every scope test is an index-friendly ``LIKE 'prefix%'`` in SQL."""
import sqlalchemy as sa

from app.errors import Forbidden, InvalidInput
from app.extensions import db

from .models import Region

def region_by_code(code: str, field: str = "region") -> Region:
    region = db.session.scalars(sa.select(Region).where(Region.code == code)).first()
    if region is None:
        raise InvalidInput.field(field, f"行政区划 {code} 不存在")
    return region


def within(region: Region, column):
    """SQL: ``column`` holds a code inside ``region``."""
    return column.like(f"{region.scope_prefix}%")


def case_in_region(region: Region | None, case_entity):
    """SQL: the case is handled in the region or was received there (代收 or 办理). None: no limit."""
    if region is None:
        return sa.true()
    return sa.or_(within(region, case_entity.handling_region_code), within(region, case_entity.receiving_region_code))


def user_scope(user) -> Region | None:
    """The region a supervisor or administrator oversees; None means the whole system (no region set)."""
    return user.scope_region


def case_scope_clause(user, case_entity):
    """SQL: cases inside the user's region scope (a district supervisor: its district's 代收 and 办理)."""
    return case_in_region(user_scope(user), case_entity)


def covers(outer: Region | None, inner: Region) -> bool:
    return outer is None or inner.code.startswith(outer.scope_prefix)


def requested_region(user, code: str | None) -> Region | None:
    """The region a supervisor asks about (default: its own scope); a region outside its scope is a 403."""
    scope = user_scope(user)
    if not code:
        return scope
    region = region_by_code(code)
    if not covers(scope, region):
        raise Forbidden(f"无权查看{region.name}的数据：超出本人管辖区域{scope.name}")
    return region


def case_within_scope(user, case) -> bool:
    region = user_scope(user)
    if region is None:
        return True
    return region.contains(case.handling_region_code) or region.contains(case.receiving_region_code)


def children_of(region: Region) -> list[Region]:
    return list(db.session.scalars(sa.select(Region).where(Region.parent_id == region.id).order_by(Region.code)))
