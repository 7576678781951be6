"""A throwaway run of an undeployed BPMN file: start it with a case's data, complete each waiting user task
with the decision a ``choose`` callback gives, and report the path taken. Nothing is stored: the workflow
lives in memory only (the caller also runs it inside a transaction it rolls back)."""
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone

from SpiffWorkflow.bpmn.specs.mixins.user_task import UserTask
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.util.task import TaskState

from .helpers import step_due
from .parser import ProcessDefinitionError, build_parser, parse_process
from .runtime import SCRIPT_ENGINE, _to_ready_task, form_update

logger = logging.getLogger(__name__)

#: a run that completes more user tasks than this is taken to loop (e.g. "return" chosen for ever)
MAX_TASKS = 60


@dataclass
class DryRunTask:
    element_id: str
    name: str
    form_key: str | None
    candidate_groups: tuple[str, ...]
    properties: dict
    due_at: datetime | None
    item: dict | None
    form: dict = field(default_factory=dict)


@dataclass
class DryRunResult:
    process_key: str
    completed: bool = False
    #: BPMN ids of every element the token passed, in order (tasks, gateways, events, flows are not listed)
    path: list[str] = field(default_factory=list)
    tasks: list[DryRunTask] = field(default_factory=list)
    #: element ids the run is waiting at when it stopped without ending (a message, a timer, a loop)
    waiting: list[str] = field(default_factory=list)
    error: str | None = None
    error_element: str | None = None
    end_data: dict = field(default_factory=dict)


def dry_run(file_name: str, bpmn_xml: bytes, dmn_sources: dict, process_key: str, data: dict,
            choose) -> DryRunResult:
    """``choose(task: ReadyTask, visit: int) -> dict`` returns the form to complete the task with (``visit``
    counts earlier completions of the same element). Raises ProcessDefinitionError if the file does not parse."""
    parser = build_parser({file_name: bpmn_xml}, dmn_sources)
    if process_key not in parser.get_process_ids():
        raise ProcessDefinitionError(f"{file_name}: 没有可执行的流程 {process_key}")
    spec, subprocess_specs = parse_process(parser, process_key)
    workflow = BpmnWorkflow(spec, subprocess_specs, script_engine=SCRIPT_ENGINE)
    workflow.task_tree.set_data(**data)
    result = DryRunResult(process_key=process_key)
    visits: dict[str, int] = {}
    try:
        workflow.do_engine_steps()
        while not workflow.is_completed():
            ready = workflow.get_tasks(state=TaskState.READY, manual=True, spec_class=UserTask)
            if not ready:
                break
            if len(result.tasks) >= MAX_TASKS:
                result.error = f"已办理 {MAX_TASKS} 个环节仍未结束：流程可能在循环（如一直退回）"
                break
            spiff_task = ready[0]
            task = _to_ready_task(spiff_task)
            visit = visits.get(task.step_id, 0)
            visits[task.step_id] = visit + 1
            form = choose(task, visit)
            due = task.due_at or _limit_due(task.properties)
            result.tasks.append(DryRunTask(task.step_id, task.name, task.form_key, task.candidate_groups,
                                           task.properties, due, task.item, form))
            spiff_task.set_data(**form_update(spiff_task, form))
            spiff_task.run()
            workflow.do_engine_steps()
    except SpiffWorkflowException as exc:
        failed = getattr(exc, "task", None)
        result.error = str(exc)
        result.error_element = failed.task_spec.bpmn_id if failed is not None else None
        logger.info("dry run of %s stopped: %s", process_key, exc)
    result.completed = workflow.is_completed()
    result.path = _path(workflow)
    if not result.completed:
        waiting = workflow.get_tasks(state=TaskState.READY | TaskState.WAITING)
        result.waiting = [t.task_spec.bpmn_id for t in waiting if t.task_spec.bpmn_id]
    else:
        result.end_data = {k: v for k, v in workflow.data.items() if isinstance(v, (str, int, float, bool))}
    return result


def _limit_due(properties: dict) -> datetime | None:
    """A step without a limit timer: its deadline from ``step_limit_days`` (working days from today)."""
    limit = (properties.get("step_limit_days") or "").strip()
    return step_due(datetime.now(timezone.utc), int(limit)) if limit.isdigit() else None


def _path(workflow) -> list[str]:
    done = [t for t in workflow.get_tasks(state=TaskState.COMPLETED) if t.task_spec.bpmn_id]
    done.sort(key=lambda t: t.last_state_change)
    path = []
    for task in done:
        if task.task_spec.bpmn_id not in path:
            path.append(task.task_spec.bpmn_id)
    return path
