"""The inbox (我的待办) in SQL: the user's ready tasks filtered by step, item and colour, counted per colour,
sorted and paged — a constant number of statements whatever the page size.

The colour is computed in the query, the same as the task list's colour rule (``rules/supervision.toml``
``[[task]]``: by default green > 1 working day left, yellow 0–1, red overdue): remaining working days grow
with the deadline, so each threshold "at most k working days left" is a date bound (the last deadline that
still meets it, counted on today's working calendar once per request), and a case meets it when its deadline
is on or before that date. A step whose own limit (``HumanTask.due_at``) has passed is red whatever its case's
deadline; a paused case is ``paused``; a case whose clock does not run (not accepted, decided) is ``none``."""
import datetime as dt
import logging
import math

import sqlalchemy as sa
from marshmallow import EXCLUDE, Schema, fields, validate
from sqlalchemy.orm import contains_eager

from app.calendar.services import working_calendar
from app.calendar.workdays import UnknownCalendarYear
from app.cases import lifecycle
from app.cases.models import Case
from app.cases.search import Page
from app.catalogue.models import ServiceItem
from app.extensions import db
from app.schema_fields import WholeNumber
from app.supervision.rules import LEVELS, load_rules

from .models import HumanTask, TaskCandidate
from .services import DECIDING_ROLES

logger = logging.getLogger(__name__)

COLOURS = ("red", "yellow", "green", "paused", "none")
COLOUR_LABELS = {"red": "红", "yellow": "黄", "green": "绿", "paused": "暂停", "none": "未计时"}
PAGE_SIZES = (20, 50, 100)
SORT_LABELS = {"arrived": "到达时间（早→晚）", "-arrived": "到达时间（晚→早）", "deadline": "承诺期限（近→远）",
               "urgency": "紧急程度"}
_SEARCH_DAYS = 400


class InboxSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    step = fields.String(validate=validate.Length(max=40))
    item = fields.String(validate=validate.Length(max=40))
    colour = fields.String(validate=validate.OneOf(COLOURS, error="未知的颜色"))
    sort = fields.String(load_default="arrived", validate=validate.OneOf(list(SORT_LABELS), error="未知的排序"))
    page = WholeNumber(load_default=1, validate=validate.Range(min=1, max=100_000, error="页码无效"))
    size = WholeNumber(load_default=50, validate=validate.OneOf(PAGE_SIZES, error="每页条数无效"))


def _last_deadline_within(calendar, today: dt.date, at_most: int) -> dt.date | None:
    """The latest deadline with at most ``at_most`` working days left on ``today`` (remaining days never
    decrease as the deadline moves later). None when no deadline within the searched range qualifies."""
    if at_most >= 0:
        day = today
        for _ in range(_SEARCH_DAYS):
            if calendar.remaining_working_days(today, day + dt.timedelta(days=1)) > at_most:
                return day
            day += dt.timedelta(days=1)
        return day
    day = today - dt.timedelta(days=1)
    for _ in range(_SEARCH_DAYS):
        if calendar.remaining_working_days(today, day) <= at_most:
            return day
        day -= dt.timedelta(days=1)
    return None


def colour_expression(today: dt.date | None = None, now=None):
    """The SQL expression of a ready task's colour (the query joins Case)."""
    today = today or lifecycle.local_now().date()
    now = now or lifecycle.now_utc()
    calendar, rules = working_calendar(), load_rules()
    limits = {"promised": Case.deadline, "legal": Case.legal_deadline}
    whens = [
        (sa.and_(Case.paused_since.is_not(None), Case.deadline.is_not(None), Case.decided_at.is_(None)), "paused"),
        (HumanTask.due_at < now, "red"),
        (sa.or_(Case.deadline.is_(None), Case.decided_at.is_not(None), Case.status != "in_progress"), "none"),
    ]
    for threshold in sorted(rules.task, key=lambda t: -LEVELS.index(t.level)):
        try:
            bound = _last_deadline_within(calendar, today, threshold.remaining_at_most)
        except UnknownCalendarYear as exc:  # no holiday data: such cases are not coloured, as on the case page
            logger.warning("inbox colours: %s", exc)
            return sa.literal("none")
        if bound is not None:
            colour = "yellow" if threshold.level == "warning" else threshold.level
            whens.append((limits[threshold.limit] <= bound, colour))
    return sa.case(*whens, else_="green")


def _mine(user):
    in_group = sa.exists().where(TaskCandidate.task_id == HumanTask.id,
                                 TaskCandidate.group_name.in_(sorted(user.groups)))
    return [HumanTask.state == "ready",
            sa.or_(HumanTask.assignee == user.username, sa.and_(HumanTask.transferred.is_(False), in_group))]


def _base(user, filters, extra_where=()):
    where = [*_mine(user), *extra_where]
    if filters.get("step"):
        where.append(HumanTask.step == filters["step"])
    if filters.get("item"):
        where.append(ServiceItem.code == filters["item"])
    return (sa.select(HumanTask).join(Case, HumanTask.case_id == Case.id)
            .join(ServiceItem, Case.item_id == ServiceItem.id).where(*where))


_COLOUR_ORDER = {"red": 0, "yellow": 1, "green": 2, "paused": 3, "none": 4}


def _order(sort: str, colour):
    if sort == "-arrived":
        return [HumanTask.created_at.desc(), HumanTask.id.desc()]
    if sort == "deadline":
        return [Case.deadline.is_(None), Case.deadline, HumanTask.created_at, HumanTask.id]
    if sort == "urgency":
        return [sa.case(_COLOUR_ORDER, value=colour, else_=5), Case.deadline.is_(None), Case.deadline,
                HumanTask.created_at, HumanTask.id]
    return [HumanTask.created_at, HumanTask.id]


def inbox_page(user, filters: dict, extra_where=()) -> tuple[Page, dict[str, int], dict]:
    """A page of ``(task, colour)``, the counts per colour of the user's tasks under the step and item
    filters (before the colour filter), and the steps and items to filter by: two statements (a summary
    grouped by step, item and colour, and the page), plus the page's candidates and cosigners (selectin)."""
    size = filters.get("size", 50)
    if user.role not in DECIDING_ROLES:
        return Page([], 0, 1, size), {c: 0 for c in COLOURS}, {"steps": [], "items": []}
    colour = colour_expression()
    base = _base(user, {}, extra_where)
    summary = db.session.execute(
        base.with_only_columns(HumanTask.step, HumanTask.name, ServiceItem.code, ServiceItem.name,
                               colour.label("colour"), sa.func.count(HumanTask.id))
        .group_by(HumanTask.step, HumanTask.name, ServiceItem.code, ServiceItem.name, colour)).all()
    counts = {c: 0 for c in COLOURS}
    steps: dict[str, str] = {}
    items: dict[str, str] = {}
    for step, step_name, item, item_name, shade, number in summary:
        steps.setdefault(step, step_name)
        items.setdefault(item, item_name)
        if filters.get("step") in (None, step) and filters.get("item") in (None, item):
            counts[shade] += number
    total = counts[filters["colour"]] if filters.get("colour") else sum(counts.values())
    page = min(filters.get("page", 1), max(1, math.ceil(total / size)))
    query = _base(user, filters, extra_where).add_columns(colour.label("colour"))
    if filters.get("colour"):
        query = query.where(colour == filters["colour"])
    rows = db.session.execute(
        query.options(contains_eager(HumanTask.case).contains_eager(Case.item).joinedload(ServiceItem.department))
        .order_by(*_order(filters.get("sort", "arrived"), colour)).limit(size).offset((page - 1) * size)
    ).all() if total else []
    choices = {"steps": sorted(steps.items()), "items": sorted(items.items())}
    return Page([(row[0], row[1]) for row in rows], total, page, size), counts, choices


EXPORT_COLUMNS = (Case.case_no, ServiceItem.name, Case.applicant_kind, Case.applicant_name, HumanTask.name,
                  HumanTask.subject, HumanTask.created_at, Case.deadline, HumanTask.due_at)


def export_rows(user, filters: dict, batch: int = 1000):
    """The user's tasks under ``filters`` as tuples of :data:`EXPORT_COLUMNS` + colour, streamed."""
    if user.role not in DECIDING_ROLES:
        return
    colour = colour_expression()
    query = _base(user, filters).with_only_columns(*EXPORT_COLUMNS, colour.label("colour"))
    if filters.get("colour"):
        query = query.where(colour == filters["colour"])
    result = db.session.execute(query.order_by(*_order(filters.get("sort", "arrived"), colour))
                                .execution_options(yield_per=batch))
    try:
        yield from result
    finally:
        result.close()
