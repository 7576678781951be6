"""A failure in the middle of a transition — after the engine stepped and the new state was written to the
session, before the commit — leaves the case, its tasks, its history and the engine state as they were."""
import sqlalchemy as sa

from app.cases.models import Case, CaseEvent
from app.extensions import db
from app.tasks.models import HumanTask
from app.workflow import WorkflowInstance
from tests.support import FOOD_LICENCE


def _state(app):
    with app.app_context():
        return {
            "cases": db.session.execute(sa.select(Case.case_no, Case.status, Case.result, Case.last_event_hash)).all(),
            "tasks": db.session.execute(sa.select(HumanTask.id, HumanTask.step, HumanTask.state)
                                        .order_by(HumanTask.id)).all(),
            "events": db.session.execute(sa.select(CaseEvent.id, CaseEvent.hash).order_by(CaseEvent.id)).all(),
            "engine": db.session.execute(sa.select(WorkflowInstance.id, WorkflowInstance.revision,
                                                   WorkflowInstance.state)).all(),
        }


def test_a_crash_after_the_engine_stepped_but_before_commit_changes_nothing(api, app, monkeypatch):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    handler = api.as_user("scjgj_handler")
    task = handler.task_for(case_no)
    before = _state(app)

    from app.tasks import services

    original = services.after_engine_step

    def step_then_crash(*args, **kwargs):
        original(*args, **kwargs)  # engine state saved, projection and status updated, events added
        db.session.flush()
        raise RuntimeError("injected fault: the database connection dropped")

    monkeypatch.setattr(services, "after_engine_step", step_then_crash)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        response = handler.complete(task["id"], "approve", "同意")
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
    assert response.status_code == 500
    assert response.get_json()["message"] == "服务器内部错误"  # no internals leak to the client

    assert _state(app) == before
    monkeypatch.setattr(services, "after_engine_step", original)
    assert handler.complete(task["id"], "approve", "同意").status_code == 200
