"""Ending a case before its decision (终止 by an administrator, 撤件 by its applicant): the workflow is
cancelled, every open task is cancelled (it leaves the inboxes), an open 特别程序 pause ends with the case,
and the clock stops (the case gets its end status and ``finished_at``). The caller holds the case lock and
records the event; flushes, never commits."""
import logging

from app.clock.pauses import close_open_pause
from app.tasks.projection import sync_ready_tasks
from app.workflow import WorkflowRun

from . import lifecycle

logger = logging.getLogger(__name__)


def end_case(case, actor, status: str, pause_note: str) -> None:
    run = WorkflowRun.open(case.workflow_instance_id)
    run.cancel()
    run.save()
    sync_ready_tasks(case, [])  # every open task becomes cancelled
    if case.paused_since is not None:
        close_open_pause(case, actor, pause_note)
    case.status = status
    case.suspended_at = None
    case.finished_at = lifecycle.now_utc()
    logger.info("case %s ended as %s", case.case_no, status)
