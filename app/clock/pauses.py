"""Pausing and resuming the case clock (补正 after acceptance, 听证/检验检测/专家评审/公示/现场勘验 …).

Counting rule (documented for the applicant's notice and tested around holidays): a pause started on
local date S and ended on local date E stops the clock for the working days in the half-open interval
[S, E) — the start day does not count toward the time limit, the day the clock restarts does. A pause
started and ended on the same day costs nothing. When it ends, the promised and the legal deadline each
move by that many working days (limits counted in natural days move by the E − S natural days instead,
landing on the next working day). While a pause is open the deadlines stay as they are and the case shows
``clock_state: paused``. Services flush; the request commits.
"""
import datetime as dt
import logging

import sqlalchemy as sa

from app.calendar.services import calendar_conflict, working_calendar
from app.calendar.workdays import UnknownCalendarYear, WorkingCalendar
from app.cases import lifecycle
from app.cases.events import record_event
from app.errors import Conflict, InvalidInput, NotFound
from app.extensions import db

from .access import require_handling_department_staff, require_pause_decider
from .models import CasePause

logger = logging.getLogger(__name__)

_ONE_DAY = dt.timedelta(days=1)
#: clock_state() → label
CLOCK_STATES = {"not_started": "未开始计时", "running": "计时中", "paused": "暂停计时", "stopped": "已停止计时"}


def clock_state(case) -> str:
    """not_started (not accepted) | running | paused | stopped (decided or ended)."""
    if case.decided_at is not None or case.status in ("finished", "not_accepted", "awaiting_issue", "terminated",
                                                                   "withdrawn"):
        return "stopped"
    if case.accepted_at is None:
        return "not_started"
    return "paused" if case.paused_since is not None else "running"


def paused_working_days(calendar: WorkingCalendar, started_on: dt.date, ended_on: dt.date) -> int:
    """Working days in [started_on, ended_on)."""
    if ended_on <= started_on:
        return 0
    return calendar.working_days_between(started_on - _ONE_DAY, ended_on - _ONE_DAY)


def shift_deadline(calendar: WorkingCalendar, deadline: dt.date, unit: str, working_days: int,
                   natural_days: int) -> dt.date:
    if unit == "natural_day":
        return calendar.add_natural_days(deadline, natural_days)
    return calendar.add_working_days(deadline, working_days)


def require_clock_running(case) -> None:
    if case.accepted_at is None or case.deadline is None:
        raise Conflict("办件尚未受理，办理时限尚未开始计算")
    if clock_state(case) == "stopped":
        raise Conflict("办件已作出决定或已办结，办理时限已停止计算")


def open_pause(case) -> CasePause | None:
    return db.session.scalars(
        sa.select(CasePause).where(CasePause.case_id == case.id, CasePause.ended_at.is_(None))
    ).first()


def case_pauses(case) -> list[CasePause]:
    query = sa.select(CasePause).where(CasePause.case_id == case.id).order_by(CasePause.id)
    return db.session.scalars(query).all()


def start_pause(actor, case_no: str, payload: dict) -> CasePause:
    """A department stops the clock for 补正 or a special procedure, giving a reason."""
    case = lifecycle.lock_case(case_no)
    require_clock_running(case)
    department = require_pause_decider(actor, case)
    if case.paused_since is not None:
        raise Conflict("办件已处于暂停计时状态，须先结束当前的补正或特别程序")
    reason = (payload.get("reason") or "").strip()
    if not reason:
        raise InvalidInput.field("reason", "暂停计时须说明理由")

    now = lifecycle.now_utc()
    started_on = lifecycle.local_date(now)
    expected_days = payload.get("expected_days")
    expected_end_on = None
    if expected_days:
        try:
            expected_end_on = working_calendar().add_working_days(started_on, expected_days)
        except UnknownCalendarYear as exc:
            raise calendar_conflict(exc, "计算特别程序的预计结束日期") from exc
    pause = CasePause(
        case_id=case.id, kind=payload["kind"], reason=reason, expected_days=expected_days,
        expected_end_on=expected_end_on, started_at=now, started_on=started_on, started_by_id=actor.id,
        department_code=department,
    )
    db.session.add(pause)
    db.session.flush()
    case.paused_since = now
    record_event(case, actor, "clock.paused", opinion=reason, pause_id=pause.id, kind=pause.kind,
                 kind_label=pause.kind_label, special_procedure=pause.gbt_code,
                 expected_end_on=expected_end_on.isoformat() if expected_end_on else None)
    logger.info("case %s paused (%s) by %s", case.case_no, pause.kind, actor.username)
    return pause


def _close(case, pause: CasePause, actor, note: str | None, action: str = "clock.resumed") -> None:
    now = lifecycle.now_utc()
    ended_on = lifecycle.local_date(now)
    calendar = working_calendar()
    try:
        days = paused_working_days(calendar, pause.started_on, ended_on)
        natural = max((ended_on - pause.started_on).days, 0)
        previous = (case.deadline, case.legal_deadline)
        case.deadline = shift_deadline(calendar, case.deadline, case.item.promised_limit_unit, days, natural)
        case.legal_deadline = shift_deadline(calendar, case.legal_deadline, case.item.legal_limit_unit, days,
                                             natural)
    except UnknownCalendarYear as exc:
        raise calendar_conflict(exc, "顺延办理期限") from exc
    pause.ended_at, pause.ended_on, pause.ended_by_id = now, ended_on, actor.id if actor is not None else None
    pause.end_note = (note or "").strip() or None
    pause.paused_working_days = days
    case.paused_since = None
    record_event(case, actor, action, opinion=pause.end_note, pause_id=pause.id, kind=pause.kind,
                 kind_label=pause.kind_label, paused_working_days=days,
                 previous_deadline=previous[0].isoformat(), deadline=case.deadline.isoformat(),
                 previous_legal_deadline=previous[1].isoformat(), legal_deadline=case.legal_deadline.isoformat())
    logger.info("case %s resumed after %d working days; deadline %s -> %s", case.case_no, days, previous[0],
                case.deadline)


def end_pause(actor, case_no: str, pause_id: int, payload: dict) -> CasePause:
    """The special procedure (or 补正) is over: the clock runs again and the deadlines move."""
    case = lifecycle.lock_case(case_no)
    pause = db.session.get(CasePause, pause_id)
    if pause is None or pause.case_id != case.id:
        raise NotFound(f"办件 {case_no} 没有编号为 {pause_id} 的暂停记录")
    require_handling_department_staff(actor, case)
    if pause.ended_at is not None:
        raise Conflict("该暂停已结束，不能重复结束")
    _close(case, pause, actor, payload.get("note"))
    return pause


def close_open_pause(case, actor, note: str) -> None:
    """The case (locked by the caller) is decided or ended: its open pause, if any, ends with it."""
    pause = open_pause(case)
    if pause is not None:
        _close(case, pause, actor, note)
    case.paused_since = None


def end_open_pause_on_decision(case, actor) -> None:
    """Called while the case is locked and a decision is being recorded: the procedure ends with it."""
    close_open_pause(case, actor, "作出决定，暂停计时随之结束")
