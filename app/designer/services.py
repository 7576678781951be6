"""Designer operations on process definitions. Flush, never commit (the view's transaction commits)."""
import logging

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import undefer

from app.errors import InvalidInput, NotFound
from app.extensions import db
from app.workflow import ProcessDefinition, ProcessDefinitionError, WorkflowInstance, deploy
from app.workflow.definitions import executable_process_ids, read_rules
from app.catalogue.models import ServiceItem
from app.network.models import Department
from app.workflow.validation import Context, Problem, validate_bpmn

logger = logging.getLogger(__name__)


def list_definitions() -> list[dict]:
    """Every deployed version, grouped by process key, the latest version first within each key."""
    rows = db.session.scalars(
        sa.select(ProcessDefinition).order_by(ProcessDefinition.process_key, ProcessDefinition.version.desc())
    ).all()
    running = running_instances([row.id for row in rows])
    latest_seen = set()
    result = []
    for row in rows:
        result.append(_describe(row, latest=row.process_key not in latest_seen, running=running.get(row.id, 0)))
        latest_seen.add(row.process_key)
    return result


def definition_source(process_key: str, version: int) -> dict:
    """One version with its BPMN XML, for opening it in the modeler."""
    row = db.session.scalars(
        sa.select(ProcessDefinition)
        .where(ProcessDefinition.process_key == process_key, ProcessDefinition.version == version)
        .options(undefer(ProcessDefinition.bpmn_xml))
    ).first()
    if row is None:
        raise NotFound(f"流程 {process_key} 没有第 {version} 版")
    newest = db.session.scalar(
        sa.select(sa.func.max(ProcessDefinition.version)).where(ProcessDefinition.process_key == process_key)
    )
    return {**_describe(row, latest=row.version == newest, running=running_instances([row.id]).get(row.id, 0)),
            "bpmn_xml": row.bpmn_xml}


def latest_version(process_key: str) -> int | None:
    return db.session.scalar(
        sa.select(sa.func.max(ProcessDefinition.version)).where(ProcessDefinition.process_key == process_key))


def definition_xml(process_key: str, version: int) -> str:
    return definition_source(process_key, version)["bpmn_xml"]


def validate_upload(bpmn_xml: str, file_name: str) -> list[Problem]:
    source = bpmn_xml.encode("utf-8")
    return validate_bpmn(source, file_name, dmn_sources(), validation_context(source, file_name))


def validation_context(source: bytes, file_name: str) -> Context:
    """The real department codes, and whether a published item using a process in the file promises a limit."""
    codes = frozenset(db.session.scalars(sa.select(Department.code)))
    keys = process_keys(source, file_name)
    limited = bool(keys) and db.session.scalar(
        sa.select(sa.func.count()).select_from(ServiceItem).where(
            ServiceItem.process_key.in_(keys), ServiceItem.status == "published", ServiceItem.promised_limit > 0)
    ) > 0
    return Context(department_codes=codes, needs_step_limits=limited)


def process_keys(source: bytes, file_name: str) -> list[str]:
    try:
        return executable_process_ids(file_name, source, dmn_sources())
    except Exception:  # noqa: BLE001 - a file that does not parse is reported by validate_bpmn itself
        return []


def deploy_upload(bpmn_xml: str, file_name: str, actor) -> list[dict]:
    """Validate and deploy. A changed file becomes a new version of each process in it (used by new cases;
    running cases keep theirs); identical content keeps the current version.

    Refused with 422 ``InvalidInput`` whose ``errors`` are
    ``{"json": {"bpmn_xml": ["<element id> <name>: <message>", ...]}, "problems": [Problem, ...]}``.
    """
    source = bpmn_xml.encode("utf-8")
    rules = dmn_sources()
    problems = validate_bpmn(source, file_name, rules, validation_context(source, file_name))
    if problems:
        raise refused(problems)
    newest_id_before = db.session.scalar(sa.select(sa.func.max(ProcessDefinition.id))) or 0
    try:
        definitions = deploy(file_name, source, rules, deployed_by=actor.username)
    except ProcessDefinitionError as exc:  # validation should have caught it; never a 500
        logger.warning("deploy of %s refused by the engine: %s", file_name, exc)
        raise refused([Problem(None, None, str(exc))]) from exc
    running = running_instances([d.id for d in definitions])
    deployed = []
    for definition in definitions:
        new_version = definition.id > newest_id_before
        logger.info("%s deployed %s version %s (%s)", actor.username, definition.process_key, definition.version,
                    "new" if new_version else "unchanged")
        deployed.append({**_describe(definition, latest=True, running=running.get(definition.id, 0)),
                         "new_version": new_version})
    return deployed


def refused(problems: list[Problem]) -> InvalidInput:
    messages = [_problem_text(p) for p in problems]
    return InvalidInput(
        f"BPMN 文件校验未通过（{len(problems)} 个问题），未部署",
        {"json": {"bpmn_xml": messages}, "problems": [_problem_dict(p) for p in problems]},
    )


def _problem_text(problem: Problem) -> str:
    if problem.element_id:
        label = f"{problem.element_id}（{problem.element_name}）" if problem.element_name else problem.element_id
        return f"{label}：{problem.message}"
    return problem.message


def _problem_dict(problem: Problem) -> dict:
    return {"element_id": problem.element_id, "element_name": problem.element_name,
            "message": problem.message, "line": problem.line}


def dmn_sources() -> dict:
    return read_rules(current_app.config["RULES_DIR"])


def running_instances(definition_ids: list[int]) -> dict[int, int]:
    if not definition_ids:
        return {}
    rows = db.session.execute(
        sa.select(WorkflowInstance.definition_id, sa.func.count())
        .where(WorkflowInstance.definition_id.in_(definition_ids), WorkflowInstance.completed.is_(False))
        .group_by(WorkflowInstance.definition_id)
    ).all()
    return dict(rows)


def _describe(row: ProcessDefinition, latest: bool, running: int) -> dict:
    return {
        "process_key": row.process_key, "name": row.name, "version": row.version, "latest": latest,
        "content_hash": row.content_hash, "bpmn_file": row.bpmn_file,
        "deployed_at": row.deployed_at, "deployed_by": row.deployed_by, "running_instances": running,
    }
