"""试运行 (dry run) of a draft: a throwaway case of an item on the draft's process, decided along a path the
designer chooses (approve / return / reject per step, which co-departments refuse). The engine runs in memory
(app.workflow.dryrun) inside a SAVEPOINT that is always rolled back, so nothing of it stays; the result lists
the path taken, each task with who would get it and its deadline, and errors with the element to point at."""
import logging

import sqlalchemy as sa

from app.accounts.models import User
from app.catalogue.models import ServiceItem
from app.errors import InvalidInput
from app.extensions import db
from app.workflow.dryrun import dry_run
from app.workflow.parser import ProcessDefinitionError

from . import services

logger = logging.getLogger(__name__)

#: at most this many people are listed per task (the rest are counted)
LISTED_PEOPLE = 5


def items_of(process_key: str) -> list[dict]:
    """Published items on this process, to choose one for a dry run (with their co-departments)."""
    items = db.session.scalars(
        sa.select(ServiceItem).where(ServiceItem.process_key == process_key, ServiceItem.status == "published")
        .order_by(ServiceItem.code)
    ).all()
    return [{"code": i.code, "name": i.name,
             "co_departments": [{"code": c.department.code, "name": c.department.name} for c in i.co_departments]}
            for i in items]


def _item(code: str) -> ServiceItem:
    item = db.session.scalars(
        sa.select(ServiceItem).where(ServiceItem.code == code, ServiceItem.status == "published")
        .order_by(ServiceItem.version.desc())
    ).first()
    if item is None:
        raise InvalidInput.field("item_code", f"事项 {code} 不存在或未发布")
    return item


def _start_data(item: ServiceItem) -> dict:
    """What a real case starts with (app.cases.acceptance), for a case number that is never issued."""
    return {
        "case_no": "DRYRUN", "item_code": item.code, "item_name": item.name, "sector": item.sector,
        "item_department": item.department.code, "lead_department": item.department.code,
        "co_departments": [{"code": c.department.code, "name": c.department.name} for c in item.co_departments],
        "countersign": item.countersign_mode or "all", "timeout_action": item.timeout_action or "remind",
    }


def _chooser(decisions: dict, refusing: set):
    def choose(task, visit):
        allowed = [d.strip() for d in (task.properties.get("decisions") or "").split(",") if d.strip()]
        if task.form_key == "acceptance":
            wanted = decisions.get(task.step_id, "accept") if visit == 0 else "accept"
            return {"acceptance_decision": wanted, "missing_materials": [], "reason": "试运行"}
        if task.form_key == "issuance":
            return {"issue_method": "window", "tracking_no": None}
        wanted = decisions.get(task.step_id) if visit == 0 else None
        if task.item and task.item.get("code") in refusing:
            wanted = "reject"
        if wanted not in allowed:
            wanted = "approve" if "approve" in allowed else (allowed[0] if allowed else "approve")
        return {"decision": wanted, "opinion": "试运行"}
    return choose


def _people(groups: tuple[str, ...], users: list) -> dict:
    wanted = set(groups)
    sectors = {g.split(":", 1)[1] for g in groups if g.startswith("window:") and g.count(":") == 1}
    matched = [u for u in users
               if u.groups & wanted or any(g.startswith("window:") and g.rsplit(":", 1)[-1] in sectors
                                           for g in u.groups)]
    return {"people": [u.display_name for u in matched[:LISTED_PEOPLE]], "people_count": len(matched)}


def run(process_key: str, file_name: str, bpmn_xml: str, payload: dict) -> dict:
    item = _item(payload["item_code"])
    decisions = payload.get("decisions") or {}
    refusing = set(payload.get("refusing") or [])
    savepoint = db.session.begin_nested()
    try:
        users = db.session.scalars(sa.select(User).where(User.active.is_(True)).order_by(User.username)).all()
        try:
            result = dry_run(file_name, bpmn_xml.encode("utf-8"), services.dmn_sources(), process_key,
                             _start_data(item), _chooser(decisions, refusing))
        except Exception as exc:  # noqa: BLE001 - a draft may be anything; the designer sees why, never a 500
            if not isinstance(exc, ProcessDefinitionError):
                logger.warning("dry run of %s could not start: %r", process_key, exc)
            problems = services.validate_upload(bpmn_xml, file_name)
            return {"completed": False, "path": [], "tasks": [], "waiting": [], "error": str(exc),
                    "error_element": problems[0].element_id if problems else None}
        tasks = [{"element_id": t.element_id, "name": t.name, "form_key": t.form_key,
                  "candidate_groups": list(t.candidate_groups), "due_at": t.due_at,
                  "step": t.properties.get("step"), "step_limit_days": t.properties.get("step_limit_days"),
                  "co_department": (t.item or {}).get("name"),
                  "decision": (t.form.get("decision") or t.form.get("acceptance_decision")
                               or t.form.get("issue_method")),
                  **_people(t.candidate_groups, users)} for t in result.tasks]
    finally:
        savepoint.rollback()
    logger.info("dry run of %s for %s: %d tasks, completed=%s", process_key, item.code, len(tasks),
                result.completed)
    return {"completed": result.completed, "path": result.path, "tasks": tasks, "waiting": result.waiting,
            "error": result.error, "error_element": result.error_element}
