"""The supervision sweep: store each running case's level and issue cards. Called by the scheduler job
(``recompute_levels(now)``) and by ``POST /api/v1/supervision/recompute``. Flushes; the caller commits."""
import datetime as dt
import hashlib
import logging
from collections import Counter

import sqlalchemy as sa

from app.calendar.services import working_calendar
from app.calendar.workdays import UnknownCalendarYear
from app.cases import lifecycle
from app.cases.events import record_event
from app.cases.models import Case
from app.clock.access import handling_departments
from app.clock.models import CasePause
from app.extensions import db
from app.network.scope import case_in_region
from app.notifications.services import notify

from .levels import LevelCalculator
from .models import SupervisionCard
from .rules import LEVEL_LABELS, LIMIT_LABELS, Finding, load_rules

logger = logging.getLogger(__name__)

_CHUNK = 1000


def _today(now) -> dt.date:
    if isinstance(now, dt.datetime):
        return lifecycle.local_date(now)
    return now


def running_cases_query():
    """Accepted cases whose clock has not stopped (no decision yet)."""
    return sa.select(Case.id, Case.case_no, Case.deadline, Case.legal_deadline, Case.warning_level).where(
        Case.status == "in_progress", Case.decided_at.is_(None), Case.deadline.is_not(None)
    )


def open_pauses(case_ids) -> dict[int, tuple]:
    """case_id → (started_on, expected_end_on, kind) of the open pause of each of ``case_ids``, looked up in
    chunks (a parameter list stays far below the database's limit, whatever the batch)."""
    ids, found = list(case_ids), {}
    for start in range(0, len(ids), _CHUNK):
        query = sa.select(CasePause.case_id, CasePause.started_on, CasePause.expected_end_on, CasePause.kind).where(
            CasePause.ended_at.is_(None), CasePause.case_id.in_(ids[start:start + _CHUNK]))
        found.update((row.case_id, (row.started_on, row.expected_end_on, row.kind)) for row in db.session.execute(query))
    return found


def card_reason(finding: Finding, case, pause_kind_label: str | None = None) -> str:
    dates = {"promised": case.deadline, "legal": case.legal_deadline}
    label = LIMIT_LABELS[finding.limit]
    if finding.limit == "procedure_end":
        label = f"特别程序（{pause_kind_label or '其他'}）的预计结束日期"
    day = dates.get(finding.limit)
    when = f"（{day.isoformat()}）" if day else ""
    if finding.remaining is not None and finding.remaining < 0:
        return f"{LEVEL_LABELS[finding.level]}：超过{label}{when}{-finding.remaining}个工作日"
    return f"{LEVEL_LABELS[finding.level]}：距{label}{when}仅剩{finding.remaining}个工作日"


def _issue_card(case_no: str, finding: Finding, now: dt.datetime, pause_kind: str | None) -> bool:
    """Issue the card under the case lock (a second scheduler waits here and then sees the card)."""
    from app.clock.models import PAUSE_KINDS

    case = lifecycle.lock_case(case_no)
    exists = db.session.scalar(sa.select(sa.func.count()).select_from(SupervisionCard).where(
        SupervisionCard.case_id == case.id, SupervisionCard.level == finding.level))
    if exists:
        return False
    departments = handling_departments(case)
    card = SupervisionCard(
        case_id=case.id, level=finding.level, status="issued", issued_at=now,
        department_code=departments[0] if departments else case.item.department.code,
        reason=card_reason(finding, case, PAUSE_KINDS.get(pause_kind)),
    )
    db.session.add(card)
    db.session.flush()
    record_event(case, None, "supervision.card_issued", decision=finding.level, opinion=card.reason,
                 card_id=card.id, department=card.department_code)
    notify(case, f"办件 {case.case_no}（{case.item.name}）被电子监察{LEVEL_LABELS[finding.level]}：{card.reason}", "card",
           groups=[f"{card.department_code}:head", f"{card.department_code}:approver"])
    logger.info("%s card issued to %s for case %s", finding.level, card.department_code, case.case_no)
    return True


#: the level of a case that can no longer change without a change of its data (checked when that happens)
NEVER = dt.date(9999, 12, 31)
BATCH = 2000


def rules_digest(rules) -> str:
    """A stable digest of the thresholds: a case measured with other rules is measured again."""
    content = repr((rules.case, rules.special_procedure, tuple(sorted(rules.cards))))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]


def due_cases_query(today: dt.date, digest: str):
    """Running cases whose level may have changed by ``today``: never measured, due today or earlier, or
    measured with other rules — each branch answered from an index on (status, …)."""
    due = sa.or_(Case.level_check_on.is_(None), Case.level_check_on <= today,
                 Case.level_rules.is_(None), Case.level_rules < digest, Case.level_rules > digest)
    return running_cases_query().add_columns(Case.level_check_on).where(due).order_by(Case.id)


def recompute_levels(now, limit: int | None = None) -> dict:
    """Measure the running cases that are due on ``now``'s local date, store their levels and next check
    days, and issue missing cards. At most ``limit`` cases (the scheduler job commits batch by batch).

    Idempotent: a second call with the same ``now`` measures nothing. Returns counts for the job log.
    Cases whose deadline lies in a year without holiday data are skipped (and logged) until tomorrow."""
    today = _today(now)
    issued_at = now if isinstance(now, dt.datetime) else lifecycle.now_utc()
    rules = load_rules()
    digest = rules_digest(rules)
    calculator = LevelCalculator(today, working_calendar(), rules)
    query = due_cases_query(today, digest)
    rows = db.session.execute(query.limit(limit) if limit else query).all()
    pauses = open_pauses(row.id for row in rows)  # only the measured cases' pauses, not every open one
    updates, levels, to_card, skipped_years = [], Counter(), [], set()
    changed = 0
    for row in rows:
        started_on, expected_end_on, kind = pauses.get(row.id, (None, None, None))
        try:
            measure = calculator.case(row.deadline, row.legal_deadline, started_on, expected_end_on)
            check_on = calculator.next_check_on(row.deadline, row.legal_deadline, started_on, expected_end_on)
        except UnknownCalendarYear as exc:
            skipped_years.add(exc.year)
            levels["skipped"] += 1
            updates.append({"id": row.id, "warning_level": row.warning_level,
                            "level_check_on": today + dt.timedelta(days=1), "level_rules": digest})
            continue
        levels[measure.level] += 1
        changed += measure.level != row.warning_level
        updates.append({"id": row.id, "warning_level": measure.level, "level_check_on": check_on or NEVER,
                        "level_rules": digest})
        if measure.level in rules.cards:
            to_card.append((row.id, row.case_no, measure.finding, kind))
    for start in range(0, len(updates), _CHUNK):
        db.session.execute(sa.update(Case), updates[start:start + _CHUNK],
                           execution_options={"synchronize_session": False})
    existing = set()
    card_ids = [case_id for case_id, *_ in to_card]
    for start in range(0, len(card_ids), _CHUNK):
        existing.update((row.case_id, row.level) for row in db.session.execute(
            sa.select(SupervisionCard.case_id, SupervisionCard.level)
            .where(SupervisionCard.case_id.in_(card_ids[start:start + _CHUNK]))))
    issued = sum(
        _issue_card(case_no, finding, issued_at, kind)
        for case_id, case_no, finding, kind in to_card if (case_id, finding.level) not in existing
    )
    db.session.flush()
    if skipped_years:
        logger.warning("supervision skipped %d cases: no holiday data for %s", levels["skipped"],
                       sorted(skipped_years))
    result = {"as_of": today.isoformat(), "scanned": len(rows), "changed": changed, "cards_issued": issued,
              "levels": {k: levels.get(k, 0) for k in (*LEVEL_LABELS, "skipped")}}
    logger.info("supervision sweep %s", result)
    return result


def supervised_cases(today: dt.date, level=None, department=None, include_decided=False, limit=100,
                     region=None) -> list[dict]:
    """Cases at a level (stored by the last sweep) with their live remaining working days. By default only
    cases whose clock still runs; ``include_decided`` adds decided cases with the level they ended on.
    ``region`` limits them to the cases handled or received there (a district supervisor's scope)."""
    from app.catalogue.models import ServiceItem
    from app.network.models import Department

    query = sa.select(Case).join(ServiceItem, Case.item_id == ServiceItem.id).where(case_in_region(region, Case))
    query = query.where(Case.warning_level == level) if level else query.where(
        Case.warning_level.in_(("warning", "yellow", "red")))
    if not include_decided:
        query = query.where(Case.status == "in_progress", Case.decided_at.is_(None))
    if department:
        query = query.join(Department, ServiceItem.department_id == Department.id)
        query = query.where(Department.code == department)
    cases = db.session.scalars(query.order_by(Case.deadline, Case.id).limit(limit)).all()
    calculator = LevelCalculator(today, working_calendar(), load_rules())
    pauses = open_pauses([c.id for c in cases])
    result = []
    for case in cases:
        started_on, expected_end_on, _kind = pauses.get(case.id, (None, None, None))
        measure = None
        if case.decided_at is None and case.status == "in_progress":
            try:
                measure = calculator.case(case.deadline, case.legal_deadline, started_on, expected_end_on)
            except UnknownCalendarYear:
                pass
        result.append({"case": case, "measure": measure, "procedure_end": expected_end_on})
    return result
