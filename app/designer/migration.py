"""Moving running cases from version n of a process to a newer version (app.workflow.migration does the engine
part): first a dry-run report (which cases can move and why the others cannot), then the move, each migrated
case getting a ``case.migrated`` entry in its history. Cases that cannot move stay on their version. Flushes,
never commits."""
import logging

import sqlalchemy as sa

from app.cases.events import record_event
from app.cases.lifecycle import after_engine_step, lock_case
from app.cases.models import Case
from app.errors import InvalidInput
from app.extensions import db
from app.workflow import ProcessDefinition, WorkflowInstance, WorkflowRun
from app.workflow import migration as engine

logger = logging.getLogger(__name__)


def _definition(process_key: str, version: int, field: str) -> ProcessDefinition:
    row = db.session.scalars(sa.select(ProcessDefinition).where(
        ProcessDefinition.process_key == process_key, ProcessDefinition.version == version)).first()
    if row is None:
        raise InvalidInput.field(field, f"流程 {process_key} 没有第 {version} 版")
    return row


def _running(source: ProcessDefinition) -> list[tuple[Case, WorkflowInstance]]:
    return db.session.execute(
        sa.select(Case, WorkflowInstance).join(WorkflowInstance, Case.workflow_instance_id == WorkflowInstance.id)
        .where(WorkflowInstance.definition_id == source.id, WorkflowInstance.completed.is_(False))
        .order_by(Case.case_no)
    ).all()


def _entry(case, result) -> dict:
    return {"case_no": case.case_no, "possible": result.possible, "reasons": result.reasons,
            "waiting": result.waiting}


def report(process_key: str, from_version: int, to_version: int) -> dict:
    source = _definition(process_key, from_version, "from_version")
    target = _definition(process_key, to_version, "to_version")
    cases = [_entry(case, engine.check(instance, target)) for case, instance in _running(source)]
    return {"from_version": from_version, "to_version": to_version, "cases": cases,
            "movable": sum(1 for c in cases if c["possible"])}


def migrate(process_key: str, from_version: int, to_version: int, actor) -> dict:
    """Move every case that can move; each is locked, moved and its task list re-projected from the new version."""
    source = _definition(process_key, from_version, "from_version")
    target = _definition(process_key, to_version, "to_version")
    cases = []
    for case, _instance in _running(source):
        case = lock_case(case.case_no)
        instance = db.session.scalars(sa.select(WorkflowInstance).where(
            WorkflowInstance.id == case.workflow_instance_id).with_for_update()).one()
        result = engine.migrate(instance, target)
        entry = {**_entry(case, result), "migrated": result.possible}
        if result.possible:
            db.session.flush()
            after_engine_step(case, WorkflowRun.open(instance.id), actor)
            record_event(case, actor, "case.migrated", process=process_key, from_version=from_version,
                         to_version=to_version, waiting=result.waiting)
        cases.append(entry)
    logger.info("%s migrated %d of %d cases of %s v%s to v%s", actor.username,
                sum(1 for c in cases if c["migrated"]), len(cases), process_key, from_version, to_version)
    return {"from_version": from_version, "to_version": to_version, "cases": cases,
            "movable": sum(1 for c in cases if c["possible"])}
