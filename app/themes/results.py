"""统一出件, one rating, and the theme's public and staff views: every child's path and deadline, the theme's
own clock and 电子监察 level. Flushes; the request commits."""
import hmac
import logging

import sqlalchemy as sa

from app.calendar.services import working_calendar
from app.calendar.workdays import UnknownCalendarYear
from app.cases import lifecycle
from app.cases.issuance import add_issue_guard, issue_checked
from app.cases.models import CASE_STATUSES
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.extensions import db
from app.files.models import CaseFile
from app.progress.services import public_steps
from app.progress.throttle import guard_public_lookup, lookup_subject, record_public_lookup
from app.supervision.levels import LevelCalculator
from app.supervision.rules import load_rules

from .handling import READY, lock_theme_case, refresh_status, theme_case_of, theme_window
from .models import CHILD_STATES, THEME_CASE_STATUSES, ThemeCase

logger = logging.getLogger(__name__)

NOT_FOUND = "未找到该一件事办件，请核对办件编号和查询码"


@add_issue_guard
def _not_alone(case) -> None:
    """A child of a theme is issued with the others (统一出件), never on its own."""
    child = theme_case_of(case)
    if child is not None:
        raise Conflict(f"该办件属于一件事 {child.theme_case.theme_no}，请在一件事页面统一出件")


def require_theme_clerk(actor, theme_case) -> None:
    window = theme_window(actor, theme_case.theme)
    if theme_case.receiving_centre_id is not None and window.centre_id != theme_case.receiving_centre_id:
        raise Forbidden(f"{window.name}不是一件事 {theme_case.theme_no} 的受理中心窗口")


def issue_theme(actor, theme_no: str, payload: dict) -> ThemeCase:
    """统一出件: every decided result of the theme handed over at once (at the window, or posted once)."""
    theme_case = lock_theme_case(theme_no)
    require_theme_clerk(actor, theme_case)
    refresh_status(theme_case)
    if theme_case.status != "awaiting_issue":
        raise Conflict("一件事的事项尚未全部办结，不能统一出件")
    if payload["method"] == "post" and not (payload.get("tracking_no") or "").strip():
        raise InvalidInput.field("tracking_no", "邮寄送达须填写快递单号")
    for child in theme_case.children:
        if child.state == "running" and child.case.status in READY:
            case = lifecycle.lock_case(child.case.case_no)
            issue_checked(case, actor, dict(payload))
    theme_case.issued_at = lifecycle.now_utc()
    theme_case.issue_method, theme_case.tracking_no = payload["method"], payload.get("tracking_no")
    theme_case.status = "finished"
    db.session.flush()
    logger.info("theme case %s issued together (%s)", theme_no, payload["method"])
    return theme_case


def authenticate(theme_no: str, code: str, remote_addr: str | None) -> ThemeCase:
    """The applicant's lookup (theme number + query code), under the public lookup throttle."""
    subject = lookup_subject("theme", theme_no)
    guard_public_lookup(remote_addr, subject)
    theme_case = db.session.scalars(sa.select(ThemeCase).where(ThemeCase.theme_no == theme_no.strip())).first()
    expected = theme_case.query_code if theme_case is not None else "--------"
    ok = hmac.compare_digest(expected.upper().encode(), (code or "").strip().upper().encode())
    record_public_lookup(remote_addr, ok and theme_case is not None, subject)
    if not ok or theme_case is None:
        raise NotFound(NOT_FOUND)
    return theme_case


def rate_theme(theme_case: ThemeCase, grade: int, text: str | None) -> ThemeCase:
    """一次评价: one rating for the whole theme, once every result was issued."""
    theme_case = lock_theme_case(theme_case.theme_no)
    if theme_case.issued_at is None:
        raise Conflict("一件事统一出件后才能评价")
    if theme_case.rated_at is not None:
        raise Conflict("该一件事已评价，每件事只评价一次")
    if grade not in range(1, 6):
        raise InvalidInput.field("grade", "评价等级须为 1（非常满意）至 5（非常不满意）")
    theme_case.rating_grade, theme_case.rating_text = grade, (text or "").strip()[:1000] or None
    theme_case.rated_at = lifecycle.now_utc()
    db.session.flush()
    return theme_case


def theme_level(theme_case, calculator=None) -> dict:
    """The theme's own clock: remaining working days to its promised deadline and the 电子监察 level."""
    if theme_case.deadline is None or theme_case.status in ("finished", "stopped"):
        return {"remaining": None, "level": None}
    try:
        calculator = calculator or LevelCalculator(lifecycle.local_now().date(), working_calendar(), load_rules())
        measure = calculator.case(theme_case.deadline, None)
    except UnknownCalendarYear:
        return {"remaining": None, "level": None}
    return {"remaining": measure.remaining_promised, "level": measure.level}


def recompute_levels() -> int:
    """Store the 电子监察 level of every open theme case (the scheduler and ``flask themes levels`` call it)."""
    calculator = LevelCalculator(lifecycle.local_now().date(), working_calendar(), load_rules())
    changed = 0
    for theme_case in db.session.scalars(sa.select(ThemeCase).where(
            ThemeCase.status.not_in(("finished", "stopped")))):
        level = theme_level(theme_case, calculator)["level"]
        if level != theme_case.warning_level:
            theme_case.warning_level, changed = level, changed + 1
    db.session.flush()
    return changed


def _reused_licences(case) -> list[str]:
    """证照复用: the materials of the case that another member's e-licence provided."""
    return list(db.session.scalars(sa.select(CaseFile.material_name).where(
        CaseFile.case_id == case.id, CaseFile.stage == "reuse", CaseFile.source_licence_id.is_not(None))
        .order_by(CaseFile.id)))


def overview(theme_case: ThemeCase, public: bool = True) -> dict:
    """The theme with each child's state, case, department, status, deadline and (public) steps."""
    refresh_status(theme_case)
    children = []
    for child in theme_case.children:
        case = child.case
        row = {"item_code": child.item_code, "item_name": child.item_name, "state": child.state,
               "state_label": CHILD_STATES[child.state], "note": child.note, "depends_on": child.depends_on}
        if case is not None:
            row.update(case_no=case.case_no, status=case.status, status_label=CASE_STATUSES[case.status],
                       department=case.item.department.name, deadline=case.deadline, result=case.result,
                       accepted_at=case.accepted_at, steps=public_steps(case) if public else None,
                       reused=_reused_licences(case))
        children.append(row)
    return {"theme_no": theme_case.theme_no, "theme": theme_case.theme.name, "theme_code": theme_case.theme.code,
            "status": theme_case.status, "status_label": THEME_CASE_STATUSES[theme_case.status],
            "accepted_at": theme_case.accepted_at, "deadline": theme_case.deadline,
            "coordinator": theme_case.theme.coordinator.name if theme_case.theme.coordinator else None,
            "issued_at": theme_case.issued_at, "issue_method": theme_case.issue_method,
            "rated": theme_case.rated_at is not None, "coordination_note": theme_case.coordination_note,
            **theme_level(theme_case), "children": children}
