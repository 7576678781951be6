"""Which items a window accepts (one rule, used by acceptance, the window's item search and its lists).

An item is offered at a centre when it is implemented in the centre's region, or when it is on an active
通办 listing whose scope covers the centre (city: the centre lies in the item's city; province: the same
first two digits; national: anywhere). A window accepts an offered item when its kind accepts every item
(全科窗口) or the item is of the window's sector."""
import sqlalchemy as sa
from sqlalchemy.orm import aliased

from app.extensions import db

from .models import Region, ServiceCentre, TongbanListing

#: the order in which a listing is preferred when several cover the centre (narrowest first)
_SCOPE_ORDER = ("city", "province", "national")


def _covers(scope: str, item_region_code: str, centre_region_code: str) -> bool:
    if scope == "national":
        return True
    if scope == "province":
        return item_region_code[:2] == centre_region_code[:2]
    if scope == "city":
        return item_region_code[:4] == centre_region_code[:4]
    return False


def tongban_scope_at(centre, item) -> tuple[bool, str | None]:
    """(offered, tongban scope): (True, None) in the item's own region, (True, "city") through a listing,
    (False, None) when the centre does not offer the item."""
    if item.region_id == centre.region_id:
        return True, None
    listings = db.session.scalars(
        sa.select(TongbanListing.scope).where(TongbanListing.item_code == item.code, TongbanListing.active.is_(True))
    ).all()
    for scope in sorted(listings, key=_SCOPE_ORDER.index):
        if _covers(scope, item.region.code, centre.region.code):
            return True, scope
    return False, None


def window_accepts(window, item) -> bool:
    if window is None or not window.active:
        return False
    if not window.accepts_all and item.sector != window.sector:
        return False
    return tongban_scope_at(window.centre, item)[0]


def offered_at_clause(centre, item_entity):
    """SQL form of "offered at ``centre``" on a ServiceItem entity (or alias)."""
    code = centre.region.code
    item_region = aliased(Region)
    listed = sa.exists().where(  # tongban_listings × the item's region, correlated to the item
        TongbanListing.item_code == item_entity.code,
        TongbanListing.active.is_(True),
        item_region.id == item_entity.region_id,
        sa.or_(
            TongbanListing.scope == "national",
            sa.and_(TongbanListing.scope == "province", sa.func.substr(item_region.code, 1, 2) == code[:2]),
            sa.and_(TongbanListing.scope == "city", sa.func.substr(item_region.code, 1, 4) == code[:4]),
        ),
    )
    return sa.or_(item_entity.region_id == centre.region_id, listed)


def window_accepts_clause(window, item_entity):
    """SQL form of :func:`window_accepts` on a ServiceItem entity (or alias)."""
    if window is None or not window.active:
        return sa.false()
    clause = offered_at_clause(window.centre, item_entity)
    if not window.accepts_all:
        clause = sa.and_(item_entity.sector == window.sector, clause)
    return clause


def home_centre_of(region_id: int):
    """The first centre of a region (where an administrator's own acceptances are recorded)."""
    from_region = sa.select(ServiceCentre).where(ServiceCentre.region_id == region_id).order_by(ServiceCentre.id)
    return db.session.scalars(from_region).first()


def receiving_point(window, item) -> dict:
    """The network fields of a case accepted for ``item`` at ``window`` (None: an admin at no window):
    receiving centre and region code, handling region code, and the 通办 scope used."""
    centre = window.centre if window is not None else home_centre_of(item.region_id)
    scope = tongban_scope_at(centre, item)[1] if centre is not None else None
    return {
        "receiving_centre": centre,
        "receiving_region_code": centre.region.code if centre is not None else item.region.code,
        "handling_region_code": item.region.code,
        "tongban_scope": scope,
    }
