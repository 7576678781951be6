"""并联审批: the lead department pre-reviews, the co-departments approve in parallel, the lead consolidates
(or decides, when a co-department refused)."""
import threading

import sqlalchemy as sa

from app.extensions import db
from app.tasks.models import HumanTask
from tests.support import JOINT_ACCEPTANCE

JOINT_MATERIALS = ("M01", "M02", "M03", "M04")


def _joint_case_at_co_approval(api):
    case_no = api.as_user("clerk_construction").accept_case(JOINT_ACCEPTANCE, materials=JOINT_MATERIALS)["case_no"]
    api.as_user("zjj_handler").decide(case_no, "approve", "预审通过，请各协办部门并联审批", step="lead_pre_review")
    return case_no


def test_after_pre_review_both_co_departments_get_their_own_task(api):
    case_no = _joint_case_at_co_approval(api)
    fire = api.as_user("xfzd_approver").task_for(case_no)
    planning = api.as_user("zrzyj_approver").task_for(case_no)
    assert (fire["step"], fire["department"], fire["subject"]) == ("co_approve", "XFZD", "示范市消防救援支队")
    assert (planning["department"], planning["subject"]) == ("ZRZYJ", "示范市自然资源和规划局")
    # one co-department cannot act on the other's instance
    assert api.as_user("xfzd_approver").complete(planning["id"]).status_code == 403


def test_two_co_departments_approving_at_the_same_moment_are_both_recorded_and_the_join_passes_once(api, app):
    case_no = _joint_case_at_co_approval(api)
    fire, planning = api.as_user("xfzd_approver"), api.as_user("zrzyj_approver")
    work = [(fire, fire.task_for(case_no)["id"], "消防验收合格"), (planning, planning.task_for(case_no)["id"], "规划核实合格")]
    start = threading.Barrier(len(work))
    results = {}

    def approve(session, task_id, opinion):
        start.wait()
        results[session.username] = session.complete(task_id, "approve", opinion)

    threads = [threading.Thread(target=approve, args=item) for item in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert {u: r.status_code for u, r in results.items()} == {"xfzd_approver": 200, "zrzyj_approver": 200}
    case = api.as_user("zjj_approver").case(case_no)
    co_decisions = sorted((e["detail"]["department"], e["opinion"]) for e in case["history"]
                          if e["action"] == "task.completed" and e["step"] == "协办部门审批")
    assert co_decisions == [("XFZD", "消防验收合格"), ("ZRZYJ", "规划核实合格")]
    assert [t["step"] for t in case["open_tasks"]] == ["lead_consolidate"]
    with app.app_context():
        consolidations = db.session.scalar(
            sa.select(sa.func.count()).select_from(HumanTask).where(HumanTask.step == "lead_consolidate"))
        co_rows = db.session.scalars(sa.select(HumanTask.state).where(HumanTask.step == "co_approve")).all()
    assert consolidations == 1
    assert sorted(co_rows) == ["completed", "completed"]

    api.as_user("zjj_approver").decide(case_no, "approve", "联合验收合格", step="lead_consolidate")
    assert api.as_user("clerk_construction").case(case_no)["result"] == "approved"


def test_a_co_department_refusal_lets_the_lead_department_decide_to_approve(api):
    case_no = _joint_case_at_co_approval(api)
    api.as_user("xfzd_approver").decide(case_no, "reject", "消防设施检测报告不合格")
    api.as_user("zrzyj_approver").decide(case_no, "approve", "规划核实合格")

    lead = api.as_user("zjj_approver")
    task = lead.task_for(case_no)
    assert (task["step"], task["name"]) == ("lead_arbitrate", "牵头部门裁定")
    lead.decide(case_no, "approve", "经复查整改到位，同意验收")
    assert lead.case(case_no)["result"] == "approved"


def test_a_co_department_refusal_upheld_by_the_lead_department_refuses_the_case(api):
    case_no = _joint_case_at_co_approval(api)
    api.as_user("xfzd_approver").decide(case_no, "reject", "消防设施检测报告不合格")
    api.as_user("zrzyj_approver").decide(case_no, "approve", "规划核实合格")
    lead = api.as_user("zjj_approver")
    lead.decide(case_no, "reject", "消防验收不合格，不予通过联合验收", step="lead_arbitrate")

    clerk = api.as_user("clerk_construction")
    case = clerk.case(case_no)
    assert case["status"] == "awaiting_issue" and case["result"] == "refused"
    assert clerk.issue(case_no).get_json()["status"] == "finished"
