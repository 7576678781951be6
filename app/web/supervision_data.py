"""What the supervision page and its downloads share: the period and the drill-down step read from the query
string (region → centre → window → person, or department → window → person), the breadcrumbs of that step,
the rows of the step, and the four charts of the period."""
import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l

from app.errors import InvalidInput
from app.extensions import db
from app.network.models import Department, ServiceCentre, Window
from app.network.scope import requested_region
from app.ratings import services as ratings
from app.supervision import charts as chart_data
from app.supervision import statistics
from app.supervision.network_statistics import narrowing, network_statistics

GROUPINGS = ("region", "centre", "department", "window", "person")
TABS = ("region", "centre", "department", "window", "person")
LABELS = {"region": _l("区域"), "centre": _l("服务中心"), "department": _l("部门"), "window": _l("窗口"),
          "person": _l("人员")}
CHART_TITLES = {"on_time": _l("各部门按时办结率"), "overdue": _l("各部门超期件数"),
                "ratings": _l("各部门好差评满意率"), "online": _l("各部门网上申报占比")}
AXIS_LABELS = {"on_time": _l("按时办结率（按时办结 / 办结件数）"), "overdue": _l("超期件数（件）"),
               "ratings": _l("满意率（满意评价 / 评价数，申诉成立的除外）"), "online": _l("网上申报占比（网上申报 / 收件）")}
#: the dates a statistics period may name (the calendar's ends would overflow the day arithmetic)
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
#: the step below each grouping when a row is clicked
NEXT = {"centre": "window", "department": "window", "window": "person"}


def period(args, today: dt.date) -> tuple[dt.date, dt.date]:
    try:
        date_to = dt.date.fromisoformat(args.get("to")) if args.get("to") else today
        default_from = date_to - dt.timedelta(days=29)
        date_from = dt.date.fromisoformat(args.get("from")) if args.get("from") else default_from
    except ValueError as exc:
        raise InvalidInput.field("from", "日期格式应为 YYYY-MM-DD") from exc
    if date_to < date_from:
        raise InvalidInput.field("to", "统计截止日期不能早于起始日期")
    for name, day in (("from", date_from), ("to", date_to)):
        if not FIRST_DAY <= day <= LAST_DAY:
            raise InvalidInput.field(name, f"统计日期应在 {FIRST_DAY} 至 {LAST_DAY} 之间")
    return date_from, date_to


@dataclass
class Drill:
    group_by: str
    region: object = None
    department: object = None
    centre: object = None
    window: object = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    crumbs: list = field(default_factory=list)

    def params(self, **changes) -> dict:
        """The query string of this step with ``changes`` (None drops a key)."""
        values = {"group_by": self.group_by, "region": self.region.code if self.region else None,
                  "department": self.department.code if self.department else None,
                  "centre": self.centre.id if self.centre else None, "window": self.window.id if self.window else None,
                  "from": self.date_from.isoformat(), "to": self.date_to.isoformat()}
        values.update(changes)
        return {k: v for k, v in values.items() if v is not None}

    def row_link(self, row) -> str | None:
        """Where a row of this step leads (the next level, narrowed to it), or None at a leaf."""
        if self.group_by == "region":
            if row["key"] == (self.region.code if self.region else None):
                return None
            return url_for("web_supervision.index", **self.params(region=row["key"]))
        if self.group_by == "department":
            return url_for("web_supervision.index", **self.params(group_by="window", department=row["department"]))
        if self.group_by in ("centre", "window"):
            key = "centre" if self.group_by == "centre" else "window"
            return url_for("web_supervision.index", **self.params(group_by=NEXT[self.group_by], **{key: row["id"]}))
        return None


def _get(model, value, by_code=False):
    if not value:
        return None
    if by_code:
        return db.session.scalars(sa.select(model).where(model.code == value)).first()
    return db.session.get(model, int(value)) if str(value).isdigit() and len(str(value)) < 10 else None


def drill_from(args, user, today: dt.date) -> Drill:
    date_from, date_to = period(args, today)
    group_by = args.get("group_by") if args.get("group_by") in GROUPINGS else "region"
    drill = Drill(group_by, requested_region(user, args.get("region")),  # outside the user's scope: 403
                  _get(Department, args.get("department"), by_code=True), _get(ServiceCentre, args.get("centre")),
                  _get(Window, args.get("window")), date_from, date_to)
    if group_by in ("region", "centre", "department"):  # a top level forgets the narrower choices
        drill.department = drill.centre = drill.window = None
    elif group_by == "window":
        drill.window = None
    drill.crumbs = _crumbs(drill)
    return drill


def _crumbs(drill: Drill) -> list[tuple[str, str | None]]:
    """(label, link) from the top of the path to the current step (the last has no link)."""
    top = "department" if drill.department is not None or drill.group_by == "department" else (
        "centre" if drill.centre is not None or drill.group_by == "centre" else drill.group_by)
    crumbs = [(str(LABELS[top]), url_for("web_supervision.index", **drill.params(
        group_by=top, department=None, centre=None, window=None)))]
    if drill.department is not None:
        crumbs.append((drill.department.name, url_for("web_supervision.index", **drill.params(
            group_by="window", window=None))))
    if drill.centre is not None:
        crumbs.append((drill.centre.name, url_for("web_supervision.index", **drill.params(
            group_by="window", window=None))))
    if drill.window is not None:
        crumbs.append((drill.window.name, url_for("web_supervision.index", **drill.params(group_by="person"))))
    if len(crumbs) > 1 or drill.group_by != top:
        crumbs.append((str(LABELS[drill.group_by]), None))
    crumbs[-1] = (crumbs[-1][0], None)
    return crumbs


def drill_rows(drill: Drill, today: dt.date) -> list[dict]:
    narrow = narrowing(drill.department, drill.centre.id if drill.centre else None,
                       drill.window.id if drill.window else None)
    return network_statistics(drill.date_from, drill.date_to, today, drill.group_by, drill.region, narrow)


def charts(date_from: dt.date, date_to: dt.date, today: dt.date, region, departments=None) -> dict[str, dict]:
    departments = departments if departments is not None else statistics.department_statistics(
        date_from, date_to, today, region)
    rated = {row["code"]: row for row in ratings.statistics(date_from, date_to, region)["departments"]}
    online = chart_data.online_shares(date_from, date_to, region)
    return {kind: chart_data.chart(kind, departments, rated, online) for kind in chart_data.CHART_KINDS}
