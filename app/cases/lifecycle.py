"""Shared steps of every case transition: lock the case, and after the engine stepped, save the workflow,
refresh the task projection and derive the case status from the engine state."""
import logging
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from app.calendar.services import calendar_conflict, working_calendar
from app.calendar.workdays import UnknownCalendarYear
from app.errors import Forbidden, NotFound
from app.extensions import db
from app.network.models import Sector
from app.network.offering import tongban_scope_at
from app.tasks.projection import sync_ready_tasks

from . import decided
from .events import record_event
from .models import Case

logger = logging.getLogger(__name__)


def local_now() -> datetime:
    """Now in the service centre's time zone (working days are local dates).

    The one clock of the case lifecycle (acceptance, decision, pauses, extensions, supervision): every
    reading of the time goes through this function, looked up at call time (``lifecycle.local_now()``),
    so tests and demos move time by monkeypatching ``app.cases.lifecycle.local_now`` alone.
    """
    return datetime.now(ZoneInfo(current_app.config["TIMEZONE"]))


def now_utc() -> datetime:
    """:func:`local_now` as a UTC timestamp, for storing."""
    return local_now().astimezone(timezone.utc)


def local_date(timestamp: datetime):
    """The service centre's local date of a UTC timestamp."""
    return timestamp.astimezone(ZoneInfo(current_app.config["TIMEZONE"])).date()


def lock_case(case_no: str) -> Case:
    """Load a case with a row lock held until the transaction ends (SELECT ... FOR UPDATE on PostgreSQL;
    SQLite transactions are already serialized by BEGIN IMMEDIATE)."""
    case = db.session.scalars(
        sa.select(Case).where(Case.case_no == case_no).with_for_update().execution_options(populate_existing=True)
    ).first()
    if case is None:
        raise NotFound(f"办件 {case_no} 不存在")
    return case


def _sector_window(actor, item):
    """The clerk's window if it takes the item's sector (its own, or every sector for a 全科窗口)."""
    sector = db.session.get(Sector, item.sector)
    sector_name = sector.name if sector is not None else item.sector
    window = actor.window if actor.role == "clerk" else None
    if window is None or not window.active:
        raise Forbidden(f"只有{sector_name}综合窗口或全科窗口的受理人员可以办理此事项")
    if not window.accepts_all and window.sector != item.sector:
        raise Forbidden(f"{window.name}不受理{sector_name}事项，请到{sector_name}综合窗口或全科窗口办理")
    return window


def require_window_clerk(actor, item) -> None:
    """Only a clerk of a window that accepts the item (its sector's window or a 全科窗口 of a centre that
    offers it, see app.network.offering) receives it at the window. The 403 names the window."""
    window = _sector_window(actor, item)
    offered, _ = tongban_scope_at(window.centre, item)
    if not offered:
        raise Forbidden(f"{window.centre.name}{window.name}不受理事项 {item.code}：该事项不在本中心的实施清单或通办清单中")


def require_case_window_clerk(actor, case) -> None:
    """A clerk acting on an existing case (补正, 出件, 催办, 交接, 评价, 寄递) must be at a window of the
    centre that received it, taking the item's sector. The 403 names the window."""
    window = _sector_window(actor, case.item)
    centre = case.receiving_centre
    if centre is not None and window.centre_id != centre.id:
        raise Forbidden(f"{window.centre.name}{window.name}不是办件 {case.case_no} 的受理窗口，该办件由{centre.name}受理")


def compute_deadlines(item, accepted_on):
    """(promised deadline, legal deadline) of a case accepted on ``accepted_on``, counted on the working
    calendar with the administrator's overrides. A year without holiday data is a 409 telling the
    administrator to maintain the calendar (the acceptance is rolled back, nothing is guessed)."""
    calendar = working_calendar()

    def end_of(limit, unit):
        if unit == "natural_day":
            return calendar.add_natural_days(accepted_on, limit)
        return calendar.add_working_days(accepted_on, limit)

    try:
        promised = end_of(item.promised_limit, item.promised_limit_unit)
        return promised, end_of(item.legal_limit, item.legal_limit_unit)
    except UnknownCalendarYear as exc:
        logger.warning("cannot set the deadline of a case accepted on %s: %s", accepted_on, exc)
        raise calendar_conflict(exc, "计算办理期限，暂不能受理") from exc


def derive_status(run, ready_tasks) -> str:
    data = run.data
    if run.completed:
        return "not_accepted" if data.get("outcome") == "not_accepted" else "finished"
    steps = {t.properties.get("step") for t in ready_tasks}
    if "issue" in steps:
        return "awaiting_issue"
    if "acceptance" in steps and data.get("acceptance_decision") == "supplement":
        return "supplementing"
    return "in_progress"


def after_engine_step(case, run, actor, completed_task_id=None, decision=None):
    """Persist the engine state and everything derived from it, and record decisions and completion."""
    run.save()
    ready_tasks = run.ready_tasks()
    sync_ready_tasks(case, ready_tasks, completed_task_id=completed_task_id, actor=actor, decision=decision)
    previous_status = case.status
    case.status = derive_status(run, ready_tasks)
    outcome = run.data.get("outcome")
    if outcome in ("approved", "refused") and case.result is None:
        case.result = outcome
        case.decided_at = now_utc()
        if case.paused_since is not None:  # a decision ends the special procedure and stops the clock
            from app.clock.pauses import end_open_pause_on_decision

            end_open_pause_on_decision(case, actor)
        licence = None
        if outcome == "approved":  # 制证: the e-licence of the approved result (app.licences)
            from app.licences.services import create_licence_for

            licence = create_licence_for(case, actor)
        record_event(case, actor, "case.decided", decision=outcome,
                     **({"licence_number": licence.number} if licence is not None else {}))
        decided.publish(case, actor, outcome)  # decision document (app.documents)
    if case.status in ("finished", "not_accepted") and previous_status != case.status:
        case.finished_at = now_utc()
        if case.status == "finished":
            record_event(case, None, "case.finished", result=case.result)
    logger.info("case %s: %s -> %s", case.case_no, previous_status, case.status)
    return ready_tasks
