"""The scheduler: firing due BPMN timers (step limits → 督办), warning levels and reminders.

Runs as its own process (``flask scheduler run``) or, for the demo, inside the dev server
(``SCHEDULER_IN_PROCESS=1``). Every unit of work is safe to run in several workers at once.
"""
from .sweep import SweepResult, due_instance_ids, fire_due_timers

__all__ = ["SweepResult", "due_instance_ids", "fire_due_timers"]
