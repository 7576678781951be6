"""环节时限与督办: a back-office step that runs over its limit (a non-interrupting boundary timer in the BPMN)
creates a 督办 task for the department head and notifies the handler; the step itself stays open."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from app.workflow.helpers import step_due
from tests.support import FOOD_LICENCE, JOINT_ACCEPTANCE, history_actions
from tests.timers.support import SECOND, events, next_due, sweep

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_handling_that_runs_over_two_working_days_is_escalated_to_the_head_and_the_handler_is_told(api, app):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE)["case_no"]
    due = next_due(app, case_no)
    # 承办 has 2 working days: the timer is due at the end (23:59:59 Beijing time) of the 2nd working day
    assert due == step_due(datetime.now(timezone.utc), 2)
    assert due.astimezone(SHANGHAI).time().isoformat() == "23:59:59"
    handler, head = api.as_user("scjgj_handler"), api.as_user("scjgj_head")
    handle = handler.task_for(case_no)
    assert handle["step"] == "handle" and head.tasks(case_no=case_no) == []
    assert datetime.fromisoformat(handle["step_due_at"]) == due  # the task list shows the step's limit

    assert sweep(app, due - SECOND).fired == []  # one second before the limit nothing happens
    result = sweep(app, due + SECOND)
    assert result.fired == [case_no]

    escalation = head.task_for(case_no)
    assert (escalation["step"], escalation["name"], escalation["subject"]) == ("escalate", "督办", "承办超期")
    assert escalation["decisions"] == ["acknowledge"] and escalation["department"] == "SCJGJ"
    assert handler.task_for(case_no)["step"] == "handle"  # non-interrupting: the handler keeps the step
    notices = handler.get("/api/v1/notifications").get_json()
    assert [(n["kind"], n["case_no"], n["read_at"]) for n in notices] == [("overdue", case_no, None)]
    assert "“承办”环节已超过办理时限" in notices[0]["message"]
    case = clerk.case(case_no)
    fired = events(case, "timer.fired")
    assert [(e["step"], e["actor"], e["detail"]["outcome"]) for e in fired] == [("承办", "系统", "escalated")]
    assert case["status"] == "in_progress" and next_due(app, case_no) is None
    assert sweep(app, due + timedelta(days=30)).fired == []  # fired once, never again

    # the head acknowledges with an opinion (督办意见), through the ordinary task API
    assert head.complete(escalation["id"], "acknowledge", "").status_code == 422
    response = head.complete(escalation["id"], "acknowledge", "请于今日内办结并说明原因")
    assert response.status_code == 200, response.get_json()
    assert head.tasks(case_no=case_no) == []
    acknowledged = events(clerk.case(case_no), "escalation.acknowledged")
    assert [(e["step"], e["opinion"]) for e in acknowledged] == [("督办", "请于今日内办结并说明原因")]
    # the handler reads the notice
    read = handler.post(f"/api/v1/notifications/{notices[0]['id']}/read")
    assert read.status_code == 200 and read.get_json()["read_at"]
    assert handler.get("/api/v1/notifications", query_string={"unread": "true"}).get_json() == []
    assert api.as_user("zjj_handler").post(f"/api/v1/notifications/{notices[0]['id']}/read").status_code == 403


def test_handling_in_time_cancels_the_handle_timer_and_review_gets_its_own_one_day_limit(api, app):
    case_no = api.as_user("clerk_commerce").accept_case()["case_no"]
    handle_due = next_due(app, case_no)
    api.as_user("scjgj_handler").decide(case_no, step="handle")

    review_due = next_due(app, case_no)
    assert review_due == step_due(datetime.now(timezone.utc), 1) and review_due < handle_due
    review = api.as_user("scjgj_reviewer").task_for(case_no)
    assert review["step"] == "review"
    sweep(app, handle_due + SECOND)
    case = api.as_user("clerk_commerce").case(case_no)
    assert [e["step"] for e in events(case, "timer.fired")] == ["审核"]  # the 承办 timer is gone


def test_an_open_escalation_does_not_keep_a_finished_case_open(api, app):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case()["case_no"]
    sweep(app, next_due(app, case_no) + SECOND)
    assert api.as_user("scjgj_head").task_for(case_no)["step"] == "escalate"
    api.as_user("scjgj_handler").decide(case_no, step="handle")
    api.as_user("scjgj_reviewer").decide(case_no, step="review")
    api.as_user("scjgj_approver").decide(case_no, step="approve")
    response = clerk.issue(case_no)
    assert response.status_code == 200, response.get_json()
    case = response.get_json()
    assert case["status"] == "finished" and case["open_tasks"] == []
    assert api.as_user("scjgj_head").tasks(case_no=case_no) == []
    assert ("case.finished", None, None) in history_actions(case)


def test_a_joint_case_escalates_an_overdue_co_department_to_the_lead_department_head(api, app):
    case_no = api.as_user("clerk_construction").accept_case(
        JOINT_ACCEPTANCE, materials=("M01", "M02", "M03", "M04"))["case_no"]
    api.as_user("zjj_handler").decide(case_no, step="lead_pre_review")
    sweep(app, next_due(app, case_no) + SECOND)  # 协办部门审批 has 3 working days

    escalation = api.as_user("zjj_head").task_for(case_no)
    assert escalation["subject"] == "协办部门审批超期"
    for approver in ("xfzd_approver", "zrzyj_approver"):
        user = api.as_user(approver)
        assert user.task_for(case_no)["step"] == "co_approve"
        assert [n["kind"] for n in user.get("/api/v1/notifications").get_json()] == ["overdue"]
