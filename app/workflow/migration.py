"""Moving a running instance from one version of its process to a newer one. SpiffWorkflow 3.2 has no migration
of its own (SPIFFWORKFLOW_NOTES §6, §11), so this does the safe subset by element id: the instance's task tree is
kept as it is (same task ids, same data, same history) and only the specs behind it are swapped, which is sound
when every element the tree has reached still exists in the new version as the same kind of element, and the
waiting user tasks are plain ones (no multi-instance in progress, no subprocess). The predicted future of each
waiting task is then recomputed from the new version. Anything else is refused with the reason."""
import json
import logging
from dataclasses import dataclass, field

from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import MultiInstanceTask
from SpiffWorkflow.bpmn.specs.mixins.user_task import UserTask
from SpiffWorkflow.util.task import TaskState

from . import serializer
from .definitions import spec_for
from .models import ProcessDefinition, WorkflowInstance

logger = logging.getLogger(__name__)


@dataclass
class MigrationCheck:
    instance_id: int
    possible: bool
    reasons: list[str] = field(default_factory=list)
    #: element ids of the user tasks waiting now (they keep their task ids in the new version)
    waiting: list[str] = field(default_factory=list)


def _kind(spec) -> str:
    return type(spec).__name__


def check(instance: WorkflowInstance, target: ProcessDefinition) -> MigrationCheck:
    """Whether ``instance`` can move to ``target`` (nothing is changed)."""
    result = MigrationCheck(instance.id, possible=False)
    if instance.completed:
        result.reasons.append("办件流程已结束")
        return result
    if target.process_key != instance.definition.process_key or target.version <= instance.definition.version:
        result.reasons.append("只能迁移到同一流程的更高版本")
        return result
    state = json.loads(instance.state)
    if state.get("subprocesses"):
        result.reasons.append("流程含进行中的子流程，不能自动迁移")
    old_spec, _old_sub = spec_for(instance.definition)
    new_spec, _new_sub = spec_for(target)
    reached = sorted({task["task_spec"] for task in state.get("tasks", {}).values()})
    for name in reached:
        old, new = old_spec.task_specs.get(name), new_spec.task_specs.get(name)
        if old is None:
            continue
        label = old.bpmn_name or old.bpmn_id or name
        if new is None:
            result.reasons.append(f"已到达的元素 {label}（{name}）在新版本中不存在")
        elif _kind(new) != _kind(old):
            result.reasons.append(f"元素 {label}（{name}）在新版本中类型不同（{_kind(old)} → {_kind(new)}）")
    workflow = serializer.load_state(instance.state, old_spec, _old_sub)
    for task in workflow.get_tasks(state=TaskState.READY, spec_class=UserTask):
        result.waiting.append(task.task_spec.bpmn_id)
        parent = task.parent
        if isinstance(task.task_spec, MultiInstanceTask) or (
                parent is not None and isinstance(parent.task_spec, MultiInstanceTask)):
            result.reasons.append(f"会签环节 {task.task_spec.bpmn_name} 正在进行，不能迁移")
    result.possible = not result.reasons
    return result


def migrate(instance: WorkflowInstance, target: ProcessDefinition) -> MigrationCheck:
    """Move the instance to ``target`` if :func:`check` allows it; the caller holds the instance's row lock and
    saves projections (the waiting tasks keep their ids). Flushes, never commits."""
    result = check(instance, target)
    if not result.possible:
        return result
    new_spec, new_sub = spec_for(target)
    workflow = serializer.load_state(instance.state, new_spec, new_sub)
    # forget the old version's future (tasks not yet started) below every active task, predict the new one's
    for task in workflow.get_tasks(state=TaskState.READY | TaskState.WAITING | TaskState.STARTED):
        if task.id not in workflow.tasks:
            continue
        for child in list(task.children):
            if child.has_state(TaskState.PREDICTED_MASK | TaskState.FUTURE) and not child.triggered:
                workflow._remove_task(child.id)
        task.task_spec._predict(task, mask=TaskState.NOT_FINISHED_MASK)
    instance.definition = target
    instance.definition_id = target.id
    instance.state = serializer.dump_state(workflow)
    logger.info("workflow instance %s migrated to %s v%s", instance.id, target.process_key, target.version)
    return result
