"""Case-level control: 催办 (urge), 挂起 / 激活 (suspend / resume) and 终止 (terminate).

- urge: by the window clerk of the item's sector or a supervisor; notifies whoever holds the
  current tasks (assignee of a transferred task, otherwise the candidate groups); at most once per hour.
- suspend / resume: by the head (负责人) of the item's implementing department; while suspended no task of the
  case may be completed, transferred, returned or withdrawn (409) and the scheduler does not fire its timers.
- terminate: by that head, before a decision (a decided case keeps its decision: a licence is revoked, not the
  case terminated); the workflow is cancelled, every open task is cancelled, status ``terminated``
  (app.cases.ending, shared with the applicant's 撤件 in app.cases.withdrawal).
IT roles (admin, designer) never act on cases.
"""
import logging
from datetime import timedelta

import sqlalchemy as sa

from app.accounts.models import User
from app.errors import Conflict, Forbidden
from app.extensions import db
from app.network.scope import case_within_scope
from app.notifications.services import notify

from . import lifecycle
from .ending import end_case
from .events import record_event
from .models import Case

logger = logging.getLogger(__name__)

URGE_INTERVAL = timedelta(hours=1)
#: cases that are over: no operation, no 催办, no open task (撤件 ``withdrawn`` by the applicant included)
CLOSED_STATUSES = ("finished", "not_accepted", "terminated", "withdrawn")


def ensure_not_suspended(case: Case) -> None:
    """409 while the case is suspended (called by every task operation after locking the case)."""
    if case.suspended_at is not None:
        raise Conflict(f"办件 {case.case_no} 已挂起，激活后方可办理")


def _open_case(actor, case_no: str) -> Case:
    case = lifecycle.lock_case(case_no)
    if actor.role != "head" or actor.department_id != case.item.department_id:
        raise Forbidden(f"挂起、激活和终止办件 {case.case_no} 须由实施部门负责人决定")
    if case.status in CLOSED_STATUSES:
        raise Conflict(f"办件 {case.case_no} 已结束，不能再操作")
    return case


def urge(actor, case_no: str, message: str) -> Case:
    case = lifecycle.lock_case(case_no)
    if actor.role == "clerk":
        lifecycle.require_case_window_clerk(actor, case)
    elif actor.role != "supervisor":
        raise Forbidden("只有本领域综合窗口或电子监察人员可以催办")
    elif actor.role == "supervisor" and not case_within_scope(actor, case):
        raise Forbidden(f"办件 {case.case_no} 不在本人管辖区域内，不能催办")
    if case.status in CLOSED_STATUSES:
        raise Conflict(f"办件 {case.case_no} 已结束，无需催办")
    open_tasks = [t for t in case.tasks if t.state == "ready"]
    if not open_tasks:
        raise Conflict(f"办件 {case.case_no} 当前没有待办任务")
    now = lifecycle.now_utc()
    if case.last_urged_at is not None and now - case.last_urged_at < URGE_INTERVAL:
        raise Conflict("同一办件一小时内只能催办一次，请稍后再试")
    assignees = sorted({t.assignee for t in open_tasks if t.assignee})
    users = list(db.session.scalars(sa.select(User).where(User.username.in_(assignees)))) if assignees else []
    groups = {g for t in open_tasks if not t.transferred for g in t.candidate_groups}
    text = f"催办：办件 {case.case_no}（{case.item.name}）请尽快办理。{message}"
    notify(case, text, "urge", groups=groups, users=users)
    case.last_urged_at = now
    record_event(case, actor, "case.urged", opinion=message, steps=sorted({t.name for t in open_tasks}),
                 recipients=sorted(groups) + [u.username for u in users])
    db.session.flush()
    logger.info("case %s urged by %s", case.case_no, actor.username)
    return case


def suspend(actor, case_no: str, reason: str) -> Case:
    case = _open_case(actor, case_no)
    if case.suspended_at is not None:
        raise Conflict(f"办件 {case.case_no} 已处于挂起状态")
    case.suspended_at = lifecycle.now_utc()
    record_event(case, actor, "case.suspended", opinion=reason)
    db.session.flush()
    logger.info("case %s suspended by %s", case.case_no, actor.username)
    return case


def resume(actor, case_no: str, reason: str) -> Case:
    case = _open_case(actor, case_no)
    if case.suspended_at is None:
        raise Conflict(f"办件 {case.case_no} 未挂起")
    case.suspended_at = None
    record_event(case, actor, "case.resumed", opinion=reason)
    db.session.flush()
    logger.info("case %s resumed by %s", case.case_no, actor.username)
    return case


def terminate(actor, case_no: str, reason: str) -> Case:
    case = _open_case(actor, case_no)
    if case.result is not None:
        raise Conflict(f"办件 {case.case_no} 已作出{'准予' if case.result == 'approved' else '不予'}许可决定，不能终止；"
                       "如需撤销请撤销其电子证照")
    end_case(case, actor, "terminated", "办件终止，暂停计时随之结束")
    record_event(case, actor, "case.terminated", opinion=reason)
    db.session.flush()
    logger.info("case %s terminated by %s", case.case_no, actor.username)
    return case
