"""Firing due timers. One indexed query finds the due workflow instances (``next_due <= now``); each case
is then its own transaction, so one failing case neither blocks nor undoes the others.

Exactly once with several workers: a case is claimed with ``SELECT … FOR UPDATE SKIP LOCKED`` on the case
and its workflow row (PostgreSQL; SQLite serializes writers with BEGIN IMMEDIATE), and the due time is
checked again on the freshly locked row, so a timer another worker fired meanwhile is skipped.
"""
import logging
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from app.cases.lifecycle import after_engine_step
from app.cases.models import Case
from app.extensions import db
from app.workflow import WorkflowInstance, WorkflowRun

from .overdue import react_to_fired_timers

logger = logging.getLogger(__name__)


@dataclass
class SweepResult:
    fired: list[str] = field(default_factory=list)  # case numbers whose timers fired
    skipped: list[int] = field(default_factory=list)  # instance ids held by another worker or no longer due
    failed: list[int] = field(default_factory=list)  # instance ids whose unit of work raised (still due)

    @property
    def handled(self) -> int:
        return len(self.fired) + len(self.skipped) + len(self.failed)


def due_instances_query(now: datetime, batch: int, exclude=()):
    """The one indexed query (ix_workflow_instances_next_due): due instances, most overdue first."""
    query = sa.select(WorkflowInstance.id).where(WorkflowInstance.next_due <= now)
    # a suspended case (挂起, app.cases.control) fires no timers until it is resumed
    query = query.where(~sa.exists().where(Case.workflow_instance_id == WorkflowInstance.id,
                                           Case.suspended_at.is_not(None)))
    if exclude:
        query = query.where(WorkflowInstance.id.notin_(sorted(exclude)))
    return query.order_by(WorkflowInstance.next_due, WorkflowInstance.id).limit(batch)


def due_instance_ids(now: datetime, batch: int = 100, exclude=()) -> list[int]:
    return list(db.session.scalars(due_instances_query(now, batch, exclude)))


def _claim(instance_id: int, now: datetime) -> Case | None:
    """Lock the case and workflow row of a due instance, or None if another worker (or a request) holds
    them or the timer is no longer due."""
    query = (
        sa.select(Case)
        .join(WorkflowInstance, Case.workflow_instance_id == WorkflowInstance.id)
        .where(WorkflowInstance.id == instance_id, WorkflowInstance.next_due <= now, Case.suspended_at.is_(None))
        .with_for_update(of=(Case.__table__, WorkflowInstance.__table__), skip_locked=True)
        .execution_options(populate_existing=True)
    )
    return db.session.scalars(query).first()


def fire_case_timers(instance_id: int, now: datetime) -> str | None:
    """One unit of work: claim the case, fire its due timers, save, record. Flushes; the caller commits.
    Returns the case number, or None if there was nothing (any more) to fire."""
    case = _claim(instance_id, now)
    if case is None:
        return None
    run = WorkflowRun.open(instance_id)  # FOR UPDATE again: the row as committed by any other worker
    due = run.next_timer_due()
    if due is None or due > now:
        return None
    before = run.ready_tasks()
    fired = run.fire_due_timers(now)
    ready = after_engine_step(case, run, actor=None)
    react_to_fired_timers(case, fired, before, ready)
    logger.info("case %s: %d timer(s) fired (%s)", case.case_no, len(fired), ", ".join(t.timer_id for t in fired))
    return case.case_no


def fire_due_timers(now: datetime, batch: int = 100, exclude=()) -> SweepResult:
    """Fire the timers of up to ``batch`` due cases, one transaction (and commit) per case.

    A case whose unit of work fails is rolled back, logged and reported in ``failed``; its timer stays due.
    """
    result = SweepResult()
    ids = due_instance_ids(now, batch, exclude)
    db.session.rollback()  # end the read transaction (on SQLite it holds the write lock)
    for instance_id in ids:
        try:
            case_no = fire_case_timers(instance_id, now)
            db.session.commit()
        except Exception:  # noqa: BLE001 - one bad case must not stop the sweep
            db.session.rollback()
            logger.exception("firing the timers of workflow instance %s failed; it stays due", instance_id)
            result.failed.append(instance_id)
            continue
        if case_no is None:
            result.skipped.append(instance_id)
        else:
            result.fired.append(case_no)
    return result
