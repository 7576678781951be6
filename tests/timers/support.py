"""Helpers for stories where time passes: read a case's next timer due time, run the scheduler's sweep at a
chosen ``now`` (inside an app context, like the scheduler job), configure an item's timeout handling."""
from datetime import timedelta

import sqlalchemy as sa

from app.cases.models import Case
from app.catalogue.models import ServiceItem
from app.extensions import db
from app.scheduler import fire_due_timers
from app.workflow import WorkflowInstance

SECOND = timedelta(seconds=1)


def next_due(app, case_no):
    with app.app_context():
        return db.session.scalar(
            sa.select(WorkflowInstance.next_due).join(Case, Case.workflow_instance_id == WorkflowInstance.id)
            .where(Case.case_no == case_no)
        )


def sweep(app, now, **kwargs):
    with app.app_context():
        try:
            return fire_due_timers(now, **kwargs)
        finally:
            db.session.remove()


def set_timeout_action(app, item_code, action):
    with app.app_context():
        db.session.execute(sa.update(ServiceItem).where(ServiceItem.code == item_code).values(timeout_action=action))
        db.session.commit()


def events(case, action):
    return [e for e in case["history"] if e["action"] == action]
