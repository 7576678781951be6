"""Demo helper: make the running step of a case overdue now, so a demo user sees the 督办 happen."""
from datetime import datetime, timedelta, timezone

from app.cases.lifecycle import lock_case
from app.errors import Conflict
from app.extensions import db
from app.workflow import WorkflowRun

from .sweep import fire_due_timers


def make_step_overdue(case_no: str, fire: bool = True) -> list[str]:
    """Move the case's waiting timers to one second ago (commits), then optionally fire them at once.
    Returns lines to print."""
    now = datetime.now(timezone.utc)
    case = lock_case(case_no)
    run = WorkflowRun.open(case.workflow_instance_id)
    shifted = run.shift_timers(now - timedelta(seconds=1))
    if not shifted:
        raise Conflict(f"办件 {case_no} 当前没有计时中的环节")
    run.save()
    db.session.commit()
    lines = [f"{case_no}: “{t.step_name or t.timer_name}”原定 {t.due.isoformat()} 到期，已改为立即到期" for t in shifted]
    if fire:
        result = fire_due_timers(datetime.now(timezone.utc))
        lines.append("已触发：督办任务已生成" if case_no in result.fired else "未触发（可能已被运行中的调度器处理）")
    else:
        lines.append("运行中的调度器（flask scheduler run）将在 1 秒内触发")
    return lines
