"""The supervision page's charts as data: one horizontal bar per department, with the value it shows, the axis
ticks and the largest value, so the page (SVG), the image download (SVG/PNG) and the Excel download draw the
same figures. Kinds: on-time rate, overdue count, satisfied share of ratings, online share of applications."""
import datetime as dt

import sqlalchemy as sa

from app.cases.models import Case
from app.catalogue.models import ServiceItem
from app.extensions import db
from app.network.models import Department
from app.network.scope import within

from .statistics import _utc_bounds

CHART_KINDS = ("on_time", "overdue", "ratings", "online")
PERCENT_KINDS = ("on_time", "ratings", "online")


def online_shares(date_from: dt.date, date_to: dt.date, region=None) -> dict[str, dict]:
    """Per lead department code: cases received in the period and how many came in online (网上申报)."""
    start, end = _utc_bounds(date_from, date_to)
    code = sa.select(Department.code).where(Department.id == ServiceItem.department_id).scalar_subquery()
    where = [Case.received_at >= start, Case.received_at < end]
    if region is not None:
        where.append(within(region, Case.handling_region_code))
    rows = db.session.execute(
        sa.select(code.label("code"), sa.func.count(), sa.func.sum(sa.case((Case.channel == "online", 1), else_=0)))
        .select_from(Case).join(ServiceItem, Case.item_id == ServiceItem.id).where(*where).group_by(code)).all()
    return {key: {"received": total, "online": int(online or 0),
                  "share": round(int(online or 0) / total, 4) if total else None} for key, total, online in rows}


def _ticks(peak: float, percent: bool) -> list[float]:
    if percent:
        return [0, 0.25, 0.5, 0.75, 1]
    step = max(1, -(-int(peak) // 4))
    return [step * i for i in range(5)]


def chart(kind: str, departments: list[dict], ratings: dict[str, dict], online: dict[str, dict]) -> dict:
    """``departments``: rows of department_statistics; ``ratings``: code → rating statistics row;
    ``online``: code → :func:`online_shares` row. Returns {kind, percent, bars: [{label, code, value, text,
    detail}], ticks, peak}; a department without figures gets value None (drawn empty, shown as —)."""
    percent = kind in PERCENT_KINDS
    bars = []
    for row in departments:
        code = row["department"]
        if kind == "on_time":
            value, detail = row["on_time_rate"], f"{row['on_time']}/{row['finished']}"
        elif kind == "overdue":
            value, detail = row["overdue"], f"{row['overdue']}"
        elif kind == "ratings":
            rated = ratings.get(code)
            value = rated["satisfied_share"] if rated and rated["count"] else None
            detail = f"{rated['count'] - rated['bad_count']}/{rated['count']}" if rated else "0/0"
        else:
            shares = online.get(code)
            value = shares["share"] if shares else None
            detail = f"{shares['online']}/{shares['received']}" if shares else "0/0"
        text = "—" if value is None else (f"{value * 100:.0f}%" if percent else str(value))
        bars.append({"label": row["department_name"], "code": code, "value": value, "text": text, "detail": detail})
    peak = 1 if percent else max([b["value"] or 0 for b in bars] + [1])
    ticks = _ticks(peak, percent)
    return {"kind": kind, "percent": percent, "bars": bars, "ticks": ticks, "peak": ticks[-1] or 1}
