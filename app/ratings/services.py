"""好差评: one rating per case per channel after acceptance; a bad rating opens a follow-up (回访整改) for the
handling department with a deadline in working days; the department rectifies or appeals; a supervisor
decides the appeal (upheld → the rating leaves the statistics). Services flush, never commit."""
import datetime as dt
import logging
from collections import defaultdict
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from app.calendar.services import calendar_conflict, working_calendar
from app.calendar.workdays import UnknownCalendarYear
from app.cases import lifecycle
from app.cases.events import record_event
from app.cases.models import Case
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.extensions import db
from app.network.scope import case_in_region, case_scope_clause, case_within_scope
from app.notifications.services import notify

from .indicators import indicator_catalogue
from .models import BAD_GRADES, GRADES, RECTIFIED_STATES, SATISFIED_GRADES, Rating

logger = logging.getLogger(__name__)

RATEABLE_STATUSES = ("in_progress", "awaiting_issue", "finished")
#: who the history names for a rating the applicant gave without logging in
APPLICANT = SimpleNamespace(id=None, display_name="申请人")


def submit_rating(actor, case, channel: str, grade: int, text: str | None, indicators: dict | None = None) -> Rating:
    """``actor`` is None for the applicant (authenticated by case number + code), else the staff member.
    ``indicators`` (code → grade) were validated against the channel's national set by the schema; the
    set's version is recorded with the rating."""
    case = lifecycle.lock_case(case.case_no)
    if case.status not in RATEABLE_STATUSES:
        raise Conflict("办件受理后方可评价")
    exists = db.session.scalar(sa.select(sa.func.count()).select_from(Rating).where(
        Rating.case_id == case.id, Rating.channel == channel))
    if exists:
        raise Conflict("该办件已通过此渠道评价过，每个渠道只能评价一次")
    department = case.item.department
    rating = Rating(case_id=case.id, item_id=case.item_id, department_id=department.id, channel=channel,
                    grade=grade, text=text, entered_by_id=actor.id if actor is not None else None,
                    created_at=lifecycle.now_utc(), indicators=dict(indicators) if indicators else None,
                    indicator_version=indicator_catalogue().version)
    if grade in BAD_GRADES:
        today = lifecycle.local_now().date()
        try:
            deadline = working_calendar().add_working_days(today, current_app.config["RATING_RECTIFICATION_DAYS"])
        except UnknownCalendarYear as exc:
            raise calendar_conflict(exc, "计算整改期限") from exc
        rating.follow_up_state, rating.rectification_deadline = "open", deadline
    db.session.add(rating)
    db.session.flush()
    record_event(case, actor or APPLICANT, "rating.received", decision=str(grade), channel=channel,
                 rating_id=rating.id)
    if rating.follow_up_state == "open":
        notify(case, f"办件 {case.case_no} 收到差评（{GRADES[grade]}），请于 {rating.rectification_deadline} 前回访整改",
               "rating_follow_up", groups=[f"{department.code}:head"])
    logger.info("case %s: rating %s on %s", case.case_no, grade, channel)
    return rating


def submit_window_rating(actor, case_no: str, grade: int, text: str | None, indicators: dict | None = None) -> Rating:
    """A rating given on the window's rating device (with the on-site indicators), recorded by a clerk of the
    item's sector."""
    case = lifecycle.lock_case(case_no)
    lifecycle.require_case_window_clerk(actor, case)
    return submit_rating(actor, case, "window", grade, text, indicators)


def _rating(rating_id: int) -> Rating:
    rating = db.session.get(Rating, rating_id)
    if rating is None:
        raise NotFound(f"评价 {rating_id} 不存在")
    return rating


def _require_department(actor, rating) -> None:
    deciders = ("approver", "head")
    if (actor.role not in deciders or actor.department_id != rating.department_id):
        raise Forbidden("只有被评价部门的审批人或负责人可以整改或申诉")


def rectify(actor, rating_id: int, note: str) -> Rating:
    rating = _rating(rating_id)
    _require_department(actor, rating)
    case = lifecycle.lock_case(rating.case.case_no)
    if rating.follow_up_state not in ("open", "appeal_rejected"):
        raise Conflict("该评价没有待整改的回访")
    rating.follow_up_state, rating.rectification_note, rating.rectified_at = "rectified", note, lifecycle.now_utc()
    record_event(case, actor, "rating.rectified", opinion=note, rating_id=rating.id)
    notify(case, f"办件 {case.case_no} 的差评已整改，请复核整改情况", "rating_rectified", groups=["role:supervisor"])
    db.session.flush()
    return rating


def review_rectification(actor, rating_id: int, decision: str, note: str | None) -> Rating:
    """差评整改复核: a supervisor of the case's region accepts the department's rectification, or returns it
    (with a note) so that the department rectifies again."""
    rating = _rating(rating_id)
    case = lifecycle.lock_case(rating.case.case_no)
    if actor.role != "supervisor" or not case_within_scope(actor, case):
        raise Forbidden(f"办件 {case.case_no} 不在本人管辖区域内，不能复核整改")
    if rating.follow_up_state != "rectified":
        raise Conflict("该评价没有待复核的整改")
    note = (note or "").strip() or None
    if decision == "returned" and note is None:
        raise InvalidInput.field("note", "退回重新整改须说明理由")
    rating.follow_up_state = "accepted" if decision == "accepted" else "open"
    rating.rectification_reviewed_by_id, rating.rectification_reviewed_at = actor.id, lifecycle.now_utc()
    rating.rectification_review_note = note
    record_event(case, actor, "rating.rectification_reviewed", decision=decision, opinion=note, rating_id=rating.id)
    if decision == "returned":
        notify(case, f"办件 {case.case_no} 的差评整改被退回，请重新整改", "rating_follow_up",
               groups=[f"{rating.department.code}:head"])
    db.session.flush()
    return rating


def appeal(actor, rating_id: int, reason: str) -> Rating:
    rating = _rating(rating_id)
    _require_department(actor, rating)
    case = lifecycle.lock_case(rating.case.case_no)
    if rating.follow_up_state != "open":
        raise Conflict("只有待整改的差评可以申诉，且只能申诉一次")
    rating.follow_up_state, rating.appeal_reason, rating.appealed_at = "appealed", reason, lifecycle.now_utc()
    record_event(case, actor, "rating.appealed", opinion=reason, rating_id=rating.id)
    notify(case, f"办件 {case.case_no} 的差评被申诉，请复核", "rating_appeal", groups=["role:supervisor"])
    db.session.flush()
    return rating


def decide_appeal(actor, rating_id: int, decision: str, note: str | None) -> Rating:
    rating = _rating(rating_id)
    case = lifecycle.lock_case(rating.case.case_no)
    if actor.role == "supervisor" and not case_within_scope(actor, case):
        raise Forbidden(f"办件 {case.case_no} 不在本人管辖区域内，不能复核申诉")
    if rating.follow_up_state != "appealed":
        raise Conflict("该评价没有待复核的申诉")
    rating.follow_up_state = "appeal_upheld" if decision == "upheld" else "appeal_rejected"
    rating.excluded = decision == "upheld"
    rating.appeal_note, rating.appeal_decided_at = note, lifecycle.now_utc()
    record_event(case, actor, "rating.appeal_decided", decision=decision, opinion=note, rating_id=rating.id)
    db.session.flush()
    return rating


def ratings_for(actor, follow_up_state=None, limit=100):
    return db.session.scalars(ratings_query(actor, follow_up_state).limit(limit)).all()


def ratings_query(actor, follow_up_state=None, bad_only: bool = False):
    """The ratings ``actor`` sees, newest first: a department its own, a supervisor those of its region."""
    query = sa.select(Rating)
    if actor.role != "supervisor":
        query = query.where(Rating.department_id == actor.department_id)
    else:  # a district supervisor: the ratings of the cases handled or received in its district
        query = query.join(Case, Rating.case_id == Case.id).where(case_scope_clause(actor, Case))
    if follow_up_state:
        query = query.where(Rating.follow_up_state == follow_up_state)
    if bad_only:
        query = query.where(Rating.grade.in_(BAD_GRADES))
    return query.order_by(Rating.created_at.desc(), Rating.id.desc())


def _local_midnight_utc(day: dt.date) -> dt.datetime:
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    return dt.datetime.combine(day, dt.time(), tzinfo=zone).astimezone(dt.timezone.utc)


def statistics(date_from=None, date_to=None, region=None) -> dict:
    """Per department and per item: count, satisfied share, bad count, rectified count and the average of
    each national indicator (excluded left out); ``region`` keeps the cases handled or received there."""
    query = sa.select(Rating).join(Case, Rating.case_id == Case.id).where(
        Rating.excluded.is_(False), case_in_region(region, Case))
    if date_from is not None:
        query = query.where(Rating.created_at >= _local_midnight_utc(date_from))
    if date_to is not None:
        query = query.where(Rating.created_at < _local_midnight_utc(date_to + dt.timedelta(days=1)))
    ratings = db.session.scalars(query).all()
    groups = {"departments": defaultdict(list), "items": defaultdict(list)}
    for rating in ratings:
        groups["departments"][(rating.department.code, rating.department.name)].append(rating)
        groups["items"][(rating.item.code, rating.item.name)].append(rating)

    def row(key, members):
        count = len(members)
        satisfied = sum(1 for r in members if r.grade in SATISFIED_GRADES)
        return {"code": key[0], "name": key[1], "count": count,
                "satisfied_share": round(satisfied / count, 4) if count else 0.0,
                "bad_count": sum(1 for r in members if r.grade in BAD_GRADES),
                "rectified_count": sum(1 for r in members if r.follow_up_state in RECTIFIED_STATES),
                "indicators": indicator_averages(members, names)}

    names = indicator_catalogue().names()

    return {kind: [row(key, members) for key, members in sorted(rows.items())] for kind, rows in groups.items()}


def indicator_averages(ratings, names: dict[str, str]) -> list[dict]:
    """The average grade of each indicator the ratings graded (1 非常满意 … 5 非常不满意), in catalogue order
    (indicators of an older version after them)."""
    grades: dict[str, list[int]] = defaultdict(list)
    for rating in ratings:
        for code, grade in (rating.indicators or {}).items():
            grades[code].append(grade)
    order = {code: i for i, code in enumerate(names)}
    return [{"code": code, "name": names.get(code, code), "count": len(values),
             "average": round(sum(values) / len(values), 2)}
            for code, values in sorted(grades.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))]
