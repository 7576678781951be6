"""或签 for a joint item: the first co-department's decision completes the joint step."""
import sqlalchemy as sa

from app.catalogue.models import ServiceItem
from app.extensions import db
from app.tasks.models import HumanTask
from tests.support import JOINT_ACCEPTANCE

JOINT_MATERIALS = ("M01", "M02", "M03", "M04")


def _joint_case_at_co_approval(api):
    case_no = api.as_user("clerk_construction").accept_case(JOINT_ACCEPTANCE, materials=JOINT_MATERIALS)["case_no"]
    api.as_user("zjj_handler").decide(case_no, "approve", "预审通过", step="lead_pre_review")
    return case_no


def test_the_first_co_department_decision_completes_an_any_one_joint_step(api, app):
    with app.app_context():
        db.session.execute(sa.update(ServiceItem).where(ServiceItem.code == JOINT_ACCEPTANCE)
                           .values(countersign_mode="any"))
        db.session.commit()
    case_no = _joint_case_at_co_approval(api)
    planning_task = api.as_user("zrzyj_approver").task_for(case_no)

    api.as_user("xfzd_approver").decide(case_no, "approve", "消防验收合格")

    assert api.as_user("zrzyj_approver").tasks(case_no=case_no) == []
    assert api.as_user("zrzyj_approver").complete(planning_task["id"]).status_code == 409
    case = api.as_user("zjj_approver").case(case_no)
    assert [t["step"] for t in case["open_tasks"]] == ["lead_consolidate"]
    with app.app_context():
        rows = dict(db.session.execute(sa.select(HumanTask.department_code, HumanTask.state)
                                       .where(HumanTask.step == "co_approve")).all())
    assert rows == {"XFZD": "completed", "ZRZYJ": "cancelled"}
    api.as_user("zjj_approver").decide(case_no, "approve", "联合验收合格", step="lead_consolidate")
    assert api.as_user("zjj_approver").case(case_no)["result"] == "approved"


def test_by_default_every_co_department_must_decide(api):
    case_no = _joint_case_at_co_approval(api)
    api.as_user("xfzd_approver").decide(case_no, "approve", "消防验收合格")
    assert api.as_user("zrzyj_approver").task_for(case_no)["step"] == "co_approve"
    assert api.as_user("zjj_approver").tasks(case_no=case_no) == []


def test_a_co_department_returns_the_joint_case_to_pre_review_and_both_instances_are_cancelled(api, app):
    case_no = _joint_case_at_co_approval(api)
    fire = api.as_user("xfzd_approver")
    task = fire.task_for(case_no)
    steps = fire.get(f"/api/v1/tasks/{task['id']}/returnable-steps").get_json()
    assert [s["step_id"] for s in steps] == ["Task_LeadPreReview"]

    response = fire.post(f"/api/v1/tasks/{task['id']}/return",
                         json={"to_step": "Task_LeadPreReview", "opinion": "消防设计文件不全，请牵头部门补齐"})
    assert response.status_code == 200, response.get_json()
    assert api.as_user("zrzyj_approver").tasks(case_no=case_no) == []
    assert api.as_user("zjj_handler").task_for(case_no)["step"] == "lead_pre_review"
    with app.app_context():
        rows = dict(db.session.execute(sa.select(HumanTask.department_code, HumanTask.state)
                                       .where(HumanTask.step == "co_approve")).all())
    assert rows == {"XFZD": "completed", "ZRZYJ": "cancelled"}

    api.as_user("zjj_handler").decide(case_no, "approve", "已补齐", step="lead_pre_review")
    api.as_user("xfzd_approver").decide(case_no, "approve", "消防验收合格")
    api.as_user("zrzyj_approver").decide(case_no, "approve", "规划核实合格")
    api.as_user("zjj_approver").decide(case_no, "approve", "联合验收合格", step="lead_consolidate")
    assert api.as_user("zjj_approver").case(case_no)["result"] == "approved"


def test_a_co_department_cannot_withdraw_its_decision_inside_the_parallel_step(api):
    case_no = _joint_case_at_co_approval(api)
    fire = api.as_user("xfzd_approver")
    done = fire.decide(case_no, "approve", "消防验收合格")
    response = fire.post(f"/api/v1/tasks/{done['id']}/withdraw", json={"opinion": "想再看看"})
    assert response.status_code == 409, response.get_json()
    assert api.as_user("zrzyj_approver").task_for(case_no)["step"] == "co_approve"
