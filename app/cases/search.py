"""办件查询 that scales: filters, sorting and paging in SQL over the cases a user may see.

A page costs a constant number of statements whatever its size (a count and one query that loads the cases
with their item and department); an export streams the same selection as plain rows (``yield_per``), never as
a list in memory. The ID number and phone are searched by their last 4 characters only, held in indexed
columns (``Case.applicant_id_suffix`` / ``applicant_phone_suffix``): the full numbers are neither needed for a
search nor written to a log."""
import datetime as dt
import logging
import math
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate
from sqlalchemy.orm import contains_eager

from app.catalogue.models import ServiceItem
from app.extensions import db
from app.network.models import Department
from app.schema_fields import OfficeDate, WholeNumber
from app.supervision.rules import LEVELS

from .models import CASE_STATUSES, Case
from .queries import visibility_filter

logger = logging.getLogger(__name__)

PAGE_SIZES = (20, 50, 100)
#: sort key → columns (a leading ``-`` in the request means descending)
SORTS = {
    "received": (Case.received_at, Case.id),
    "deadline": (Case.deadline, Case.id),
    "status": (Case.status, Case.received_at, Case.id),
}
SORT_LABELS = {"-received": "收件时间（新→旧）", "received": "收件时间（旧→新）", "deadline": "承诺期限（近→远）",
               "-deadline": "承诺期限（远→近）", "status": "状态"}
#: 电子监察 levels a case may be filtered by; ``none``: not measured (not accepted, decided …)
LEVEL_FILTERS = (*LEVELS, "none")


class CaseSearchSchema(Schema):
    """The filters of 办件查询 (query string); an invalid value is named and not applied."""

    class Meta:
        unknown = EXCLUDE

    case_no = fields.String(validate=validate.Length(max=50), metadata={"description": "办件编号（可输入开头部分）"})
    name = fields.String(validate=validate.Length(max=100), metadata={"description": "申请人名称（包含）"})
    suffix = fields.String(validate=validate.Regexp(r"^[0-9Xx]{4}$", error="请输入证件号码或手机号码的后4位"),
                           metadata={"description": "申请人证件号码或手机号码后4位"})
    item = fields.String(validate=validate.Length(max=40), metadata={"description": "事项编码"})
    department = fields.String(validate=validate.Length(max=40), metadata={"description": "实施部门编码"})
    status = fields.String(validate=validate.OneOf(list(CASE_STATUSES), error="未知的办件状态"))
    level = fields.String(validate=validate.OneOf(LEVEL_FILTERS, error="未知的监察等级"))
    received_from = OfficeDate(error_messages={"invalid": "日期格式应为 YYYY-MM-DD"})
    received_to = OfficeDate(error_messages={"invalid": "日期格式应为 YYYY-MM-DD"})
    sort = fields.String(load_default="-received", validate=validate.OneOf(list(SORT_LABELS), error="未知的排序"))
    page = WholeNumber(load_default=1, validate=validate.Range(min=1, max=100_000, error="页码无效"))
    size = WholeNumber(load_default=PAGE_SIZES[0], validate=validate.OneOf(PAGE_SIZES, error="每页条数无效"))


def parse_filters(args, schema=None) -> tuple[dict, dict[str, str]]:
    """``(filters, problems)`` from a query string: blank values are ignored, invalid ones named in
    ``problems`` (field → message) and dropped, so the page still answers with the others applied."""
    schema = schema or CaseSearchSchema()
    raw = {key: value.strip() for key, value in args.items() if isinstance(value, str) and value.strip()}
    problems: dict[str, str] = {}
    try:
        return schema.load(raw), problems
    except ValidationError as error:
        for field, messages in error.messages.items():
            problems[field] = "；".join(messages) if isinstance(messages, list) else str(messages)
            raw.pop(field, None)
    return schema.load(raw), problems


def local_day_start(day: dt.date) -> dt.datetime:
    """The UTC instant the local day begins (the centre's time zone)."""
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    return dt.datetime.combine(day, dt.time.min, zone).astimezone(dt.timezone.utc)


def _conditions(user, filters: dict) -> list:
    where = [visibility_filter(user)]
    if filters.get("case_no"):
        where.append(Case.case_no.startswith(filters["case_no"], autoescape=True))
    if filters.get("name"):
        where.append(Case.applicant_name.contains(filters["name"], autoescape=True))
    if filters.get("suffix"):
        suffix = filters["suffix"].upper()
        where.append(sa.or_(Case.applicant_id_suffix == suffix, Case.applicant_phone_suffix == suffix))
    if filters.get("item"):
        where.append(ServiceItem.code == filters["item"])
    if filters.get("department"):
        where.append(ServiceItem.department_id == sa.select(Department.id).where(
            Department.code == filters["department"]).scalar_subquery())
    if filters.get("status"):
        where.append(Case.status == filters["status"])
    if filters.get("level"):
        level = filters["level"]
        where.append(Case.warning_level.is_(None) if level == "none" else Case.warning_level == level)
    if filters.get("received_from"):
        where.append(Case.received_at >= local_day_start(filters["received_from"]))
    if filters.get("received_to"):
        where.append(Case.received_at < local_day_start(filters["received_to"] + dt.timedelta(days=1)))
    return where


def _order(sort: str) -> list:
    descending = sort.startswith("-")
    columns = SORTS[sort.lstrip("-")]
    return [c.desc() if descending else c.asc() for c in columns]


def _selection(user, filters: dict, extra_where=()):
    return (sa.select(Case).join(ServiceItem, Case.item_id == ServiceItem.id)
            .where(*_conditions(user, filters), *extra_where))


@dataclass(frozen=True)
class Page:
    rows: list
    total: int
    page: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.size))

    @property
    def first_row(self) -> int:
        return (self.page - 1) * self.size + 1 if self.total else 0

    @property
    def last_row(self) -> int:
        return min(self.total, self.page * self.size)

    def window(self, width: int = 2) -> list[int | None]:
        """Page numbers to link: first, last and ``width`` around the current one (None marks a gap)."""
        wanted = sorted({1, self.pages, *range(max(1, self.page - width), min(self.pages, self.page + width) + 1)})
        shown: list[int | None] = []
        for number in wanted:
            if shown and number - shown[-1] > 1:
                shown.append(None)
            shown.append(number)
        return shown


def case_page(user, filters: dict, extra_where=()) -> Page:
    """One page of the visible cases matching ``filters`` (two statements: count and page)."""
    size, page = filters.get("size", PAGE_SIZES[0]), filters.get("page", 1)
    selection = _selection(user, filters, extra_where)
    total = db.session.scalar(selection.with_only_columns(sa.func.count(Case.id)))
    page = min(page, max(1, math.ceil(total / size)))
    rows = db.session.scalars(
        selection.options(contains_eager(Case.item).joinedload(ServiceItem.department))
        .order_by(*_order(filters.get("sort", "-received"))).limit(size).offset((page - 1) * size)
    ).unique().all()
    return Page(rows, total, page, size)


EXPORT_COLUMNS = (Case.case_no, ServiceItem.name, Department.name, Case.applicant_kind, Case.applicant_name,
                  Case.applicant_id_number, Case.applicant_phone, Case.status, Case.result, Case.warning_level,
                  Case.received_at, Case.deadline, Case.decided_at, Case.issued_at)


def export_rows(user, filters: dict, extra_where=(), batch: int = 1000):
    """Every visible case matching ``filters`` as plain tuples of :data:`EXPORT_COLUMNS`, fetched
    ``batch`` at a time from a server-side cursor (the caller masks and labels them)."""
    query = (sa.select(*EXPORT_COLUMNS).select_from(Case).join(ServiceItem, Case.item_id == ServiceItem.id)
             .join(Department, ServiceItem.department_id == Department.id)
             .where(*_conditions(user, filters), *extra_where).order_by(*_order(filters.get("sort", "-received"))))
    result = db.session.execute(query.execution_options(yield_per=batch))
    try:
        yield from result
    finally:
        result.close()


def filter_choices(user) -> dict:
    """The items and departments offered in the filter selects (two small statements)."""
    items = db.session.execute(
        sa.select(ServiceItem.code, ServiceItem.name).where(ServiceItem.status == "published")
        .order_by(ServiceItem.code)).all()
    departments = db.session.execute(sa.select(Department.code, Department.name).order_by(Department.code)).all()
    return {"items": items, "departments": departments}
