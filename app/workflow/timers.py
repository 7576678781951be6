"""Reading, firing and (for the demo) shifting the timer events a workflow is waiting for.

SpiffWorkflow decides whether a timer fired by comparing its stored due time (``event_value`` in the
timer task's internal data) with the real clock. The scheduler works with an explicit ``now`` (tests and
the demo shift time), so a timer that is due at ``now`` but not yet by the real clock gets its stored
due time moved to just before the real now before the engine refreshes its timers.
"""
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import BoundaryEvent
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import MultiInstanceTask
from SpiffWorkflow.util.task import TaskState


@dataclass(frozen=True)
class PendingTimer:
    """A timer event the workflow is waiting for; for a boundary timer, the step it is attached to."""

    timer_id: str
    timer_name: str | None
    due: datetime
    step_id: str | None = None
    step_name: str | None = None
    step_code: str | None = None
    #: ids of the engine tasks of the step (one, or the instances of a multi-instance step)
    step_task_ids: tuple[str, ...] = field(default_factory=tuple)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _due_of(task) -> datetime | None:
    definition = task.task_spec.event_definition
    if not isinstance(definition, TimerEventDefinition):
        return None
    value = definition.details(task).value
    if isinstance(value, dict):  # cycle timer: the next occurrence
        value = value.get("next")
    if value is None:
        return None
    return _aware(TimerEventDefinition.get_datetime(value))


def _attached_step(task):
    """The activity a boundary event hangs on: the non-event child of the boundary split."""
    if not isinstance(task.task_spec, BoundaryEvent) or task.parent is None:
        return None
    for sibling in task.parent.children:
        if not isinstance(sibling.task_spec, BoundaryEvent):
            return sibling
    return None


def _step_spec(step_task):
    """The spec with the step's name and properties; a multi-instance activity keeps them on the spec of
    its instances."""
    for task in (step_task, *step_task.children):
        if getattr(task.task_spec, "extensions", None):
            return task.task_spec
    return step_task.task_spec


def _step_task_ids(step_task) -> tuple[str, ...]:
    ids = [str(step_task.id)]
    ids.extend(str(child.id) for child in step_task.children if child.task_spec.bpmn_id == step_task.task_spec.bpmn_id)
    return tuple(ids)


def _waiting_timer_tasks(workflow):
    for task in workflow.get_tasks(state=TaskState.WAITING, spec_class=CatchingEvent):
        if isinstance(task.task_spec.event_definition, TimerEventDefinition):
            yield task


def pending_timer(task) -> PendingTimer | None:
    due = _due_of(task)
    if due is None:
        return None
    step = _attached_step(task)
    spec = _step_spec(step) if step is not None else None
    return PendingTimer(
        timer_id=task.task_spec.bpmn_id,
        timer_name=task.task_spec.bpmn_name,
        due=due,
        step_id=spec.bpmn_id if spec else None,
        step_name=(spec.bpmn_name or spec.bpmn_id) if spec else None,
        step_code=(spec.extensions or {}).get("step") if spec else None,
        step_task_ids=_step_task_ids(step) if step is not None else (),
    )


def pending_timers(workflow) -> list[tuple[object, PendingTimer]]:
    """(engine task, timer) for every timer the workflow waits for whose due time is known."""
    pairs = []
    for task in _waiting_timer_tasks(workflow):
        timer = pending_timer(task)
        if timer is not None:
            pairs.append((task, timer))
    return pairs


def next_due(workflow) -> datetime | None:
    due_times = [timer.due for _, timer in pending_timers(workflow)]
    return min(due_times) if due_times else None


def _set_due(task, due: datetime) -> None:
    value = task._get_internal_data("event_value")
    if isinstance(value, dict):
        task._set_internal_data(event_value={**value, "next": due.isoformat()})
    else:
        task._set_internal_data(event_value=due.isoformat())


def make_due(workflow, now: datetime) -> list[tuple[object, PendingTimer]]:
    """Mark every timer due at ``now`` as due for the engine too; returns (task, timer) of those timers."""
    real_past = datetime.now(timezone.utc) - timedelta(milliseconds=1)
    due = []
    for task, timer in pending_timers(workflow):
        if timer.due <= now:
            if timer.due > real_past:
                _set_due(task, real_past)
            due.append((task, timer))
    return due


def shift_timers(workflow, due: datetime) -> list[PendingTimer]:
    """Move every waiting timer to ``due`` (the demo's 'let this step run over'); returns the old timers."""
    shifted = []
    for task, timer in pending_timers(workflow):
        _set_due(task, _aware(due))
        shifted.append(timer)
    return shifted


def step_due(task) -> datetime | None:
    """Due time of the waiting boundary timer on a user task (or on its multi-instance parent)."""
    steps = [task]
    if task.parent is not None and isinstance(task.parent.task_spec, MultiInstanceTask):
        steps.append(task.parent)
    for step in steps:
        if step.parent is None:
            continue
        for sibling in step.parent.children:
            if (isinstance(sibling.task_spec, BoundaryEvent) and sibling.state == TaskState.WAITING
                    and isinstance(sibling.task_spec.event_definition, TimerEventDefinition)):
                return _due_of(sibling)
    return None
