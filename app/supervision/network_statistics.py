"""Statistics across the service network: the city drills down region → centre → department → window →
person. Every figure is computed in SQL over the cases of the requested region (LIKE on the region codes).

* region: one row for the region itself (市本级 / 区本级) and one per child region. 办理 figures (accepted,
  finished, on_time, overdue, days) count the cases *handled* there; ``received`` counts the cases received
  at its centres, ``proxy_received`` (代收) those of them handled in another region and ``proxy_handled``
  the cases handled there but received elsewhere (通办 from the other side).
* centre / window / person: the receiving side — cases accepted at the centre, at the window, by the clerk.
* department: the handling department (see :mod:`app.supervision.statistics`).
"""
import datetime as dt

import sqlalchemy as sa

from app.accounts.models import User
from app.cases.models import Case
from app.catalogue.models import ServiceItem
from app.extensions import db
from app.network.models import Region, ServiceCentre, Window
from app.network.scope import children_of, within

from .statistics import _utc_bounds, department_statistics, empty_figures, figures_by, summarise

GROUPINGS = ("region", "centre", "department", "window", "person")


def _received_counts(key, where, date_from, date_to) -> tuple[dict, dict]:
    """(received, received here but handled elsewhere) per key, over cases received in the period."""
    start, end = _utc_bounds(date_from, date_to)
    period = sa.and_(where, Case.received_at >= start, Case.received_at < end)
    elsewhere = Case.handling_region_code != Case.receiving_region_code
    rows = db.session.execute(
        sa.select(key.label("key"), sa.func.count(), sa.func.sum(sa.case((elsewhere, 1), else_=0)))
        .where(period).group_by(key)).all()
    return {k: n for k, n, _ in rows}, {k: int(p or 0) for k, _, p in rows}


def _region_rows(region: Region, date_from, date_to, today) -> list[dict]:
    children = children_of(region)
    width = len(children[0].scope_prefix) if children else len(region.code)
    handled_key = sa.func.substr(Case.handling_region_code, 1, width)
    received_key = sa.func.substr(Case.receiving_region_code, 1, width)
    handled = figures_by(handled_key, date_from, date_to, today, within(region, Case.handling_region_code))
    received, proxied = _received_counts(received_key, within(region, Case.receiving_region_code), date_from, date_to)
    start, end = _utc_bounds(date_from, date_to)
    proxy_handled = dict(db.session.execute(
        sa.select(handled_key, sa.func.count())
        .where(within(region, Case.handling_region_code), Case.received_at >= start, Case.received_at < end,
               Case.handling_region_code != Case.receiving_region_code).group_by(handled_key)).all())
    rows = []
    for node, keys in [(region, {region.code, region.code[:width]}),
                       *[(child, {child.scope_prefix[:width], child.code[:width]}) for child in children]]:
        numbers = empty_figures()
        for key in keys:
            for name, value in (handled.get(key) or {}).items():
                numbers[name] = numbers[name] + value
        rows.append({
            "group_by": "region", "key": node.code, "name": node.name if node is not region else f"{node.name}本级",
            "received": sum(received.get(k, 0) for k in keys),
            "proxy_received": sum(proxied.get(k, 0) for k in keys),
            "proxy_handled": sum(proxy_handled.get(k, 0) for k in keys),
            **summarise(numbers),
        })
    if children:  # the region's own row holds only what is handled or received at its own level
        own = rows[0]
        if not any(own[f] for f in ("received", "accepted", "finished", "overdue")):
            rows.pop(0)
    return rows


def narrowing(department=None, centre_id=None, window_id=None):
    """SQL on Case for a drill-down step: the cases of one lead department's items, received at one centre
    or at one window (each optional)."""
    clauses = []
    if department is not None:
        clauses.append(Case.item_id.in_(sa.select(ServiceItem.id).where(ServiceItem.department_id == department.id)))
    if centre_id is not None:
        clauses.append(Case.receiving_centre_id == centre_id)
    if window_id is not None:
        clauses.append(Case.window_id == window_id)
    return sa.and_(sa.true(), *clauses)


def _receiving_rows(group_by, region, date_from, date_to, today, narrow=None) -> list[dict]:
    key = {"centre": Case.receiving_centre_id, "window": Case.window_id, "person": Case.created_by_id}[group_by]
    where = within(region, Case.receiving_region_code) if region is not None else sa.true()
    if narrow is not None:
        where = sa.and_(where, narrow)
    figures = figures_by(key, date_from, date_to, today, where)
    received, proxied = _received_counts(key, where, date_from, date_to)
    keys = [k for k in set(figures) | set(received) if k is not None]
    if group_by == "centre":
        names = dict(db.session.execute(sa.select(ServiceCentre.id, ServiceCentre.name).where(ServiceCentre.id.in_(keys))).all())
        codes = dict(db.session.execute(sa.select(ServiceCentre.id, ServiceCentre.code).where(ServiceCentre.id.in_(keys))).all())
    elif group_by == "window":
        names = dict(db.session.execute(sa.select(Window.id, Window.name).where(Window.id.in_(keys))).all())
        codes = dict(db.session.execute(sa.select(Window.id, Window.code).where(Window.id.in_(keys))).all())
    else:
        names = dict(db.session.execute(sa.select(User.id, User.display_name).where(User.id.in_(keys))).all())
        codes = dict(db.session.execute(sa.select(User.id, User.username).where(User.id.in_(keys))).all())
    rows = [{"group_by": group_by, "id": k, "key": codes.get(k, str(k)), "name": names.get(k, ""),
             "received": received.get(k, 0), "proxy_received": proxied.get(k, 0), "proxy_handled": 0,
             **summarise(figures.get(k) or empty_figures())} for k in keys]
    return sorted(rows, key=lambda r: r["key"])


def network_statistics(date_from: dt.date, date_to: dt.date, today: dt.date, group_by: str = "department",
                       region: Region | None = None, narrow=None) -> list[dict]:
    """``narrow`` (:func:`narrowing`) keeps the cases of a drill-down step for the centre, window and person
    groupings (the department → window → person and centre → window → person paths)."""
    if group_by == "department":
        return department_statistics(date_from, date_to, today, region)
    if group_by == "region":
        if region is None:
            region = db.session.scalars(sa.select(Region).where(Region.parent_id.is_(None)).order_by(Region.code)).first()
        return _region_rows(region, date_from, date_to, today) if region is not None else []
    return _receiving_rows(group_by, region, date_from, date_to, today, narrow)
