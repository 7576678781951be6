"""Keeping a record in step with its process: the step waiting for a person (BPMN ``step`` property), its
engine task and candidate groups are copied onto the record after every engine step, and each action goes
into the record's own history."""
import logging

from app.cases import lifecycle
from app.extensions import db

from .models import FeedbackEvent

logger = logging.getLogger(__name__)


def project(record, run) -> None:
    ready = run.ready_tasks()
    if not ready:
        record.step, record.task_id, record.candidate_groups = None, None, []
        return
    task = ready[0]  # the process is a single line of steps: at most one waits at a time
    record.step = task.properties.get("step")
    record.task_id = task.id
    record.candidate_groups = list(task.candidate_groups)


def record_event(record, actor, step: str, action: str, opinion: str | None = None) -> FeedbackEvent:
    event = FeedbackEvent(record=record, step=step, action=action, actor_id=actor.id if actor else None,
                          opinion=opinion, occurred_at=lifecycle.now_utc())
    db.session.add(event)
    db.session.flush()
    return event
