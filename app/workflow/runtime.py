"""Load → step → save of one workflow instance, under a row lock, inside the caller's transaction."""
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from uuid import UUID

import sqlalchemy as sa
from SpiffWorkflow.bpmn import BpmnEvent
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import MultiInstanceTask
from SpiffWorkflow.bpmn.specs.mixins.user_task import UserTask
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException, TaskNotFoundException
from SpiffWorkflow.util.task import TaskState

from app.extensions import db

from . import serializer, timers
from .definitions import latest_definition, spec_for
from .helpers import SCRIPT_HELPERS
from .models import WorkflowInstance
from .sandbox import make_script_engine
from .timers import PendingTimer

logger = logging.getLogger(__name__)

SCRIPT_ENGINE = make_script_engine(SCRIPT_HELPERS)

_PLACEHOLDER = re.compile(r"\$\{\s*([A-Za-z_][\w.]*)\s*\}")


class TaskNotReady(Exception):
    """The task is unknown to this instance or no longer waiting for a person."""


class ProcessError(Exception):
    """The engine refused to go on (a script/condition failed or is not allowed). Nothing is saved."""

    def __init__(self, message, step=None, error_type=None):
        super().__init__(message)
        self.step = step
        self.error_type = error_type


@dataclass(frozen=True)
class ReadyTask:
    """A user task waiting for a person, as the rest of the application sees it."""

    id: str
    step_id: str
    name: str
    lane: str | None
    candidate_groups: tuple[str, ...]
    assignee: str | None
    form_key: str | None
    properties: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    #: for one instance of a multi-instance task: the element it was created for (e.g. a co-department)
    item: dict | None = None
    #: when the step's limit timer (a boundary timer event) fires, if it has one
    due_at: datetime | None = None


def resolve_template(template: str | None, data: dict) -> str | None:
    """Replace ``${a.b}`` placeholders by values from the task data; None if a value is missing."""
    if not template:
        return None
    missing = []

    def substitute(match):
        value = data
        for part in match.group(1).split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            missing.append(match.group(1))
            return ""
        return str(value)

    resolved = _PLACEHOLDER.sub(substitute, template)
    if missing:
        logger.warning("assignment %r has no value for %s", template, ", ".join(missing))
        return None
    return resolved


def _multi_instance_parent(task):
    parent = task.parent
    if parent is not None and isinstance(parent.task_spec, MultiInstanceTask):
        return parent
    return None


def _element_variable(task):
    parent = _multi_instance_parent(task)
    if parent is None:
        return None
    reference = parent.task_spec.output_item or parent.task_spec.input_item
    return reference.bpmn_id if reference is not None else None


def _to_ready_task(task) -> ReadyTask:
    spec = task.task_spec
    extensions = dict(spec.extensions or {})
    groups = []
    for template in (extensions.get("camunda:candidateGroups") or "").split(","):
        group = resolve_template(template.strip(), task.data)
        if group:
            groups.append(group)
    element_variable = _element_variable(task)
    item = task.data.get(element_variable) if element_variable else None
    return ReadyTask(
        id=str(task.id),
        step_id=spec.bpmn_id,
        name=spec.bpmn_name or spec.bpmn_id,
        lane=spec.lane,
        candidate_groups=tuple(groups),
        assignee=resolve_template(extensions.get("camunda:assignee"), task.data),
        form_key=extensions.get("camunda:formKey"),
        properties={k: v for k, v in extensions.items() if not k.startswith("camunda:")},
        data=dict(task.data),
        item=item if isinstance(item, dict) else None,
        due_at=timers.step_due(task),
    )


def form_update(task, form: dict) -> dict:
    """The data a completed user task sets: the form, also merged into a multi-instance task's element."""
    element_variable = _element_variable(task)
    update = dict(form)
    if element_variable and isinstance(task.data.get(element_variable), dict):
        update[element_variable] = {**task.data[element_variable], **form}
    return update


def _engine_error(exc: SpiffWorkflowException) -> ProcessError:
    task = getattr(exc, "task", None)
    step = task.task_spec.bpmn_name if task is not None else None
    return ProcessError(str(exc), step=step, error_type=getattr(exc, "error_type", type(exc).__name__))


class WorkflowRun:
    """A workflow instance loaded for one unit of work. Call :meth:`save` before the transaction commits."""

    def __init__(self, instance: WorkflowInstance, workflow: BpmnWorkflow):
        self.instance = instance
        self.workflow = workflow

    # -- loading ------------------------------------------------------------------------------------
    @classmethod
    def start(cls, process_key: str, data: dict) -> "WorkflowRun":
        """Create an instance of the latest deployed version of ``process_key`` and run it to the first wait."""
        definition = latest_definition(process_key)
        spec, subprocess_specs = spec_for(definition)
        workflow = BpmnWorkflow(spec, subprocess_specs, script_engine=SCRIPT_ENGINE)
        workflow.task_tree.set_data(**data)
        instance = WorkflowInstance(definition=definition, state="", serializer_version=serializer.SERIALIZER_VERSION)
        run = cls(instance, workflow)
        run._step()
        db.session.add(instance)
        return run

    @classmethod
    def open(cls, instance_id: int, for_update: bool = True) -> "WorkflowRun":
        """Load an instance; with ``for_update`` the row stays locked until the transaction ends."""
        query = sa.select(WorkflowInstance).where(WorkflowInstance.id == instance_id)
        if for_update:
            query = query.with_for_update(of=WorkflowInstance).execution_options(populate_existing=True)
        instance = db.session.scalars(query).one()
        spec, subprocess_specs = spec_for(instance.definition)
        workflow = serializer.load_state(instance.state, spec, subprocess_specs)
        workflow.script_engine = SCRIPT_ENGINE
        return cls(instance, workflow)

    # -- reading ------------------------------------------------------------------------------------
    @property
    def completed(self) -> bool:
        return self.workflow.is_completed()

    @property
    def data(self) -> dict:
        """Process data: final data once completed, otherwise the data of the last task that ran."""
        if self.completed:
            return dict(self.workflow.data)
        last = self.workflow.last_task
        return dict(last.data) if last is not None else dict(self.workflow.task_tree.data)

    def ready_tasks(self) -> list[ReadyTask]:
        tasks = self.workflow.get_tasks(state=TaskState.READY, manual=True, spec_class=UserTask)
        return [_to_ready_task(t) for t in tasks]

    def ready_task(self, task_id: str) -> ReadyTask:
        return _to_ready_task(self._spiff_ready_task(task_id))

    def _spiff_ready_task(self, task_id: str):
        try:
            task = self.workflow.get_task_from_id(UUID(str(task_id)))
        except (ValueError, TaskNotFoundException):
            task = None
        if task is None or task.state != TaskState.READY or not isinstance(task.task_spec, UserTask):
            raise TaskNotReady(task_id)
        return task

    # -- acting -------------------------------------------------------------------------------------
    def complete_task(self, task_id: str, form: dict) -> ReadyTask:
        """Complete a ready user task with validated form data and run the engine to the next wait.

        For an instance of a multi-instance task whose element is a dict (e.g. a co-department), the form
        is also merged into that element, so the collection ends up holding every instance's decision.
        """
        task = self._spiff_ready_task(task_id)
        before = _to_ready_task(task)
        task.set_data(**form_update(task, form))
        try:
            task.run()
        except SpiffWorkflowException as exc:
            raise _engine_error(exc) from exc
        self._step()
        return before

    # -- returning / withdrawing (reset) -----------------------------------------------------------
    def _spiff_task(self, task_id: str):
        try:
            return self.workflow.get_task_from_id(UUID(str(task_id)))
        except (ValueError, TaskNotFoundException):
            return None

    def completed_user_ancestors(self, task_id: str) -> list[tuple[str, str]]:
        """(engine task id, BPMN step id) of the completed user tasks the given task descends from, nearest
        first. Instances of a multi-instance step are never ancestors of later steps, so they are not listed."""
        task = self._spiff_task(task_id)
        found = []
        node = task.parent if task is not None else None
        while node is not None:
            if (isinstance(node.task_spec, UserTask) and node.state == TaskState.COMPLETED
                    and _multi_instance_parent(node) is None):
                found.append((str(node.id), node.task_spec.bpmn_id))
            node = node.parent
        return found

    def can_reset_to(self, task_id: str) -> bool:
        """True if ``task_id`` is a completed user task (not a multi-instance element) and every task now
        waiting for a person descends from it, so a reset removes all current work and breaks no join."""
        target = self._spiff_task(task_id)
        if (target is None or target.state != TaskState.COMPLETED or not isinstance(target.task_spec, UserTask)
                or _multi_instance_parent(target) is not None or self.completed):
            return False
        ready = self.workflow.get_tasks(state=TaskState.READY, manual=True, spec_class=UserTask)
        return bool(ready) and all(t.is_descendant_of(target) for t in ready)

    def reset_to(self, task_id: str, extra: dict | None = None) -> ReadyTask:
        """Make a completed user task ready again (same task id), removing every task created after it
        (退回 / 撤回). Its data becomes its parent's data plus ``extra`` (e.g. the return reason); boundary
        events attached to it (limit timer, timeout return) are armed again. The removed tasks vanish from
        the engine: callers keep the audit trail in the case history."""
        if not self.can_reset_to(task_id):
            raise TaskNotReady(task_id)
        target = self._spiff_task(task_id)
        data = {**target.parent.data, **(extra or {})}
        try:
            self.workflow.reset_from_task_id(target.id, data=data)
        except SpiffWorkflowException as exc:
            raise _engine_error(exc) from exc
        self._forget_removed_event_tasks()
        self._step()
        return self.ready_task(task_id)

    def _forget_removed_event_tasks(self) -> None:
        """SpiffWorkflow 3.2 keeps waiting catch events (e.g. a removed step's limit timer) registered with
        its event manager after a reset removed them from the tree; drop them or the next step fails."""
        manager = self.workflow.event_manager
        for task_id, task in list(manager.tasks.items()):
            if task_id not in task.workflow.tasks:
                manager.tasks.pop(task_id, None)

    def cancel(self) -> None:
        """End the workflow without running anything further (终止). Call :meth:`save`."""
        self.workflow.cancel()

    def send_message(self, name: str, payload: dict) -> None:
        waiting = [
            t for t in self.workflow.get_tasks(state=TaskState.WAITING, spec_class=CatchingEvent)
            if getattr(t.task_spec.event_definition, "name", None) == name
        ]
        if not waiting:
            raise TaskNotReady(f"流程未在等待消息 {name}")
        self.workflow.send_event(BpmnEvent(waiting[0].task_spec.event_definition, payload=payload))
        self._step()

    def fire_due_timers(self, now: datetime | None = None) -> list[PendingTimer]:
        """Run every timer that is due at ``now`` (default: the real clock) and step the engine.

        Returns the timers that fired (with the step each boundary timer is attached to)."""
        if now is None:
            now = datetime.now(timezone.utc)
        due = timers.make_due(self.workflow, now)
        self.workflow.refresh_timers()
        self._step()
        return [timer for task, timer in due if task.state != TaskState.WAITING]

    def pending_timers(self) -> list[PendingTimer]:
        return [timer for _, timer in timers.pending_timers(self.workflow)]

    def shift_timers(self, due: datetime) -> list[PendingTimer]:
        """Move every waiting timer to ``due`` (demo: let the current step run over). Call :meth:`save`."""
        return timers.shift_timers(self.workflow, due)

    def _step(self):
        try:
            self.workflow.do_engine_steps()
        except SpiffWorkflowException as exc:
            raise _engine_error(exc) from exc

    # -- saving -------------------------------------------------------------------------------------
    def next_timer_due(self) -> datetime | None:
        return timers.next_due(self.workflow)

    def save(self) -> None:
        """Write the engine state into the instance row (flushed with the caller's transaction)."""
        self.instance.state = serializer.dump_state(self.workflow)
        self.instance.serializer_version = serializer.SERIALIZER_VERSION
        self.instance.completed = self.completed
        self.instance.next_due = self.next_timer_due()
        db.session.flush()
