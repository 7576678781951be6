"""Which items a window accepts (one rule, used by acceptance, the window's item search and its lists).

An item is offered at a centre when it is implemented in the centre's region, or when it is on an active
通办 listing whose scope covers the centre (city: the centre lies in the item's city; province: the same
first two digits; national: anywhere). A window accepts an offered item when its kind accepts every item
(全科窗口) or the item is of the window's sector."""
import sqlalchemy as sa

from app.extensions import db

from .models import Region, ServiceCentre, TongbanListing, Window, WindowKind

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
    return offered_in_clause(centre.region, item_entity)


def offered_in_clause(region, item_entity):
    """SQL form of "offered in ``region``" (at its centres): implemented there, or on an active 通办 listing
    whose scope covers the region — the portal's catalogue of a region (app.portal.catalogue)."""
    code = region.code
    # correlated with the outer item row (uncorrelated, PostgreSQL refuses it and SQLite takes any row)
    item_region = (sa.select(Region.code).where(Region.id == item_entity.region_id)
                   .correlate_except(Region).scalar_subquery())
    listed = sa.exists().where(
        TongbanListing.item_code == item_entity.code,
        TongbanListing.active.is_(True),
        sa.or_(
            TongbanListing.scope == "national",
            sa.and_(TongbanListing.scope == "province", sa.func.substr(item_region, 1, 2) == code[:2]),
            sa.and_(TongbanListing.scope == "city", sa.func.substr(item_region, 1, 4) == code[:4]),
        ),
    )
    return sa.or_(item_entity.region_id == region.id, listed)


def window_accepts_clause(window, item_entity):
    """SQL form of :func:`window_accepts` on a ServiceItem entity (or alias)."""
    if window is None or not window.active:
        return sa.false()
    clause = offered_at_clause(window.centre, item_entity)
    if not window.accepts_all:
        clause = sa.and_(item_entity.sector == window.sector, clause)
    return clause


def offering_places(item, limit: int = 20) -> list[tuple]:
    """Where a citizen can go for ``item``: (centre, [windows that accept it]) for every centre offering it —
    centres of the item's own region first, then those a 通办 listing adds — only centres with such a window."""
    scopes = set(db.session.scalars(sa.select(TongbanListing.scope).where(
        TongbanListing.item_code == item.code, TongbanListing.active.is_(True))).all())
    region_code = item.region.code
    covered = [Region.id == item.region_id]
    if "national" in scopes:
        covered.append(sa.true())
    if "province" in scopes:
        covered.append(Region.code.startswith(region_code[:2]))
    if "city" in scopes:
        covered.append(Region.code.startswith(region_code[:4]))
    rows = db.session.execute(
        sa.select(ServiceCentre, Window).join(Region, ServiceCentre.region_id == Region.id)
        .join(Window, Window.centre_id == ServiceCentre.id).join(WindowKind, Window.kind == WindowKind.code)
        .where(sa.or_(*covered), Window.active.is_(True),
               sa.or_(WindowKind.accepts == "all", Window.sector == item.sector))
        .order_by(ServiceCentre.region_id != item.region_id, Region.code, ServiceCentre.id, Window.id)
    ).all()
    places: dict[int, tuple] = {}
    for centre, window in rows:
        if centre.id not in places:
            if len(places) == limit:
                break
            places[centre.id] = (centre, [])
        places[centre.id][1].append(window)
    return list(places.values())


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
