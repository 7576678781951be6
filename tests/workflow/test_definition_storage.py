"""Process definitions are stored once per content hash; a case stores only its own state; running cases
keep the version they started on."""
import json

import sqlalchemy as sa

from app.extensions import db
from app.workflow import ProcessDefinition, WorkflowInstance, deploy, latest_definition
from tests.support import FOOD_LICENCE


def _definitions(app, key):
    with app.app_context():
        return db.session.scalars(
            sa.select(ProcessDefinition).where(ProcessDefinition.process_key == key).order_by(ProcessDefinition.version)
        ).all()


def test_many_cases_share_one_stored_spec_and_store_no_copy_of_it(api, app):
    clerk = api.as_user("clerk_commerce")
    stored_before = len(_definitions(app, "standard_approval"))
    for _ in range(3):
        clerk.accept_case(FOOD_LICENCE)
    assert len(_definitions(app, "standard_approval")) == stored_before  # cases add no definitions
    with app.app_context():
        instances = db.session.scalars(sa.select(WorkflowInstance)).all()
        assert len(instances) == 3
        assert len({i.definition_id for i in instances}) == 1
        for instance in instances:
            state = json.loads(instance.state)
            assert state["spec"] == "standard_approval"  # the name only
            assert state["subprocess_specs"] == {}
            assert "task_specs" not in instance.state


def test_redeploying_the_same_file_keeps_the_version_and_a_change_makes_a_new_one(api, app):
    source = open("bpmn/standard_approval.bpmn", "rb").read()
    dmn = {"dispatch_department.dmn": open("rules/dispatch_department.dmn", "rb").read()}
    clerk = api.as_user("clerk_commerce")
    running = clerk.accept_case(FOOD_LICENCE)["case_no"]
    with app.app_context():
        first = latest_definition("standard_approval").version
        assert [d.version for d in deploy("standard_approval.bpmn", source, dmn)] == [first]
        changed = source.replace("审核".encode(), "审核（复核）".encode())
        assert [d.version for d in deploy("standard_approval.bpmn", changed, dmn)] == [first + 1]
        db.session.commit()

    # the running case keeps its version; a new case gets the new one
    api.as_user("scjgj_handler").decide(running)
    assert api.as_user("scjgj_reviewer").task_for(running)["name"] == "审核"
    new_case = clerk.accept_case(FOOD_LICENCE)["case_no"]
    api.as_user("scjgj_handler").decide(new_case)
    assert api.as_user("scjgj_reviewer").task_for(new_case)["name"] == "审核（复核）"

    # rolling back to the earlier file makes it the newest version again
    with app.app_context():
        assert [d.version for d in deploy("standard_approval.bpmn", source, dmn)] == [first + 2]
        db.session.commit()
