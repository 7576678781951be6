"""暂停计时: the handling department stops the clock for 补正 or a special procedure (听证, 检验检测, 专家评审 …)
with a reason; when it ends, the deadlines move by the working days the clock stood still, counted over
[start day, end day)."""
from datetime import date

import pytest

from tests.support import FOOD_LICENCE


@pytest.fixture()
def case_no(api, clock):
    clock.set(date(2025, 9, 25))  # Thursday; due 2025-10-09 (Sunday Sep 28 is a make-up working day)
    case = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
    assert (case["deadline"], case["legal_deadline"]) == ("2025-10-09", "2025-10-15")
    return case["case_no"]


def pause(user, case_no, **body):
    """A pause is the department approver's or head's decision (a handler alone cannot stop the clock)."""
    return user.post(f"/api/v1/cases/{case_no}/pauses", json={"kind": "expert_review", "reason": "组织专家评审",
                                                              **body})


def end(user, case_no, pause_id, note="专家评审已完成"):
    return user.post(f"/api/v1/cases/{case_no}/pauses/{pause_id}/end", json={"note": note})


def test_an_expert_review_over_national_day_moves_the_deadline_by_the_working_days_it_took(api, clock, case_no):
    handler, approver = api.as_user("scjgj_handler"), api.as_user("scjgj_approver")
    clock.set(date(2025, 9, 29), hour=15)
    response = pause(approver, case_no, expected_days=3)
    assert response.status_code == 201, response.get_json()
    paused = response.get_json()
    assert paused["kind_label"] == "专家评审" and paused["special_procedure_code"] == "2"
    assert paused["started_on"] == "2025-09-29" and paused["expected_end_on"] == "2025-10-10"
    assert paused["case"] == {"case_no": case_no, "clock_state": "paused", "deadline": "2025-10-09",
                              "legal_deadline": "2025-10-15"}
    assert handler.case(case_no)["clock_state"] == "paused"

    clock.set(date(2025, 10, 10), hour=9)
    response = end(handler, case_no, paused["id"])
    assert response.status_code == 200, response.get_json()
    ended = response.get_json()
    # [Sep 29, Oct 10): Sep 29, Sep 30 and Oct 9 are working days; Oct 1–8 are the holiday
    assert ended["paused_working_days"] == 3 and ended["ended_on"] == "2025-10-10"
    assert ended["ended_by"] == "陈工"
    # 3 working days after Oct 9: Oct 10, Saturday Oct 11 (make-up day), Oct 13
    assert ended["case"] == {"case_no": case_no, "clock_state": "running", "deadline": "2025-10-13",
                             "legal_deadline": "2025-10-20"}

    case = handler.case(case_no)
    assert [(p["kind"], p["paused_working_days"]) for p in case["pauses"]] == [("expert_review", 3)]
    events = [(e["action"], e["label"], e["opinion"]) for e in case["history"] if e["action"].startswith("clock.")]
    assert events == [("clock.paused", "暂停计时", "组织专家评审"), ("clock.resumed", "恢复计时", "专家评审已完成")]
    resumed = case["history"][-1]["detail"]
    assert (resumed["previous_deadline"], resumed["deadline"], resumed["paused_working_days"]) == (
        "2025-10-09", "2025-10-13", 3)


def test_a_pause_over_a_weekend_with_a_make_up_saturday_counts_that_saturday(api, clock, case_no):
    reviewer = api.as_user("scjgj_reviewer")  # department staff of the department holding the task
    clock.set(date(2025, 10, 10))  # Friday
    pause_id = pause(api.as_user("scjgj_head"), case_no, kind="supplement", reason="需补正场所租赁合同").get_json()["id"]
    clock.set(date(2025, 10, 13))  # Monday
    ended = end(reviewer, case_no, pause_id, "补正材料已收到").get_json()
    assert ended["paused_working_days"] == 2  # Friday Oct 10 and make-up Saturday Oct 11; not Sunday
    assert ended["special_procedure_code"] is None
    assert ended["case"]["deadline"] == "2025-10-11"  # Oct 9 + 2 working days: Oct 10, make-up Saturday Oct 11


def test_a_pause_ended_on_the_day_it_began_costs_nothing(api, clock, case_no):
    handler = api.as_user("scjgj_handler")
    clock.set(date(2025, 9, 26), hour=9)
    pause_id = pause(api.as_user("scjgj_approver"), case_no, kind="site_survey", reason="现场勘验").get_json()["id"]
    clock.set(date(2025, 9, 26), hour=16)
    ended = end(handler, case_no, pause_id).get_json()
    assert ended["paused_working_days"] == 0 and ended["case"]["deadline"] == "2025-10-09"


def test_only_one_pause_is_open_at_a_time_and_it_ends_only_once(api, clock, case_no):
    handler, approver = api.as_user("scjgj_handler"), api.as_user("scjgj_approver")
    clock.set(date(2025, 9, 26))
    pause_id = pause(approver, case_no, kind="hearing", reason="依申请举行听证").get_json()["id"]
    second = pause(approver, case_no)
    assert second.status_code == 409
    assert "暂停" in second.get_json()["message"]
    assert end(handler, case_no, pause_id).status_code == 200
    assert end(handler, case_no, pause_id).status_code == 409
    assert end(handler, case_no, 999999).status_code == 404
    assert pause(approver, case_no).status_code == 201  # a new procedure may follow


def test_a_paused_task_keeps_its_remaining_days_until_the_clock_runs_again(api, clock, case_no):
    handler = api.as_user("scjgj_handler")
    clock.set(date(2025, 9, 29))
    pause(api.as_user("scjgj_approver"), case_no)
    clock.set(date(2025, 10, 9))  # the old deadline day: time did not run out while paused
    task = handler.task_for(case_no)
    assert task["case_clock_state"] == "paused"
    assert task["remaining_working_days"] == 3 and task["colour"] == "green"  # as of Sep 28: 29, 30 Sep, 9 Oct


def test_a_decision_during_a_pause_ends_the_pause(api, clock, case_no):
    clock.set(date(2025, 9, 29))
    pause(api.as_user("scjgj_approver"), case_no, kind="inspection", reason="委托检验检测")
    clock.set(date(2025, 10, 9))
    for user, step in (("scjgj_handler", "handle"), ("scjgj_reviewer", "review"), ("scjgj_approver", "approve")):
        api.as_user(user).decide(case_no, step=step)
    case = api.as_user("scjgj_handler").case(case_no)
    assert case["clock_state"] == "stopped" and case["result"] == "approved"
    assert case["pauses"][0]["ended_on"] == "2025-10-09" and case["pauses"][0]["paused_working_days"] == 2
    assert [e["action"] for e in case["history"]][-4:] == ["task.completed", "clock.resumed", "case.decided",
                                                           "decision.issued"]


def test_only_the_handling_department_s_approver_or_head_stops_the_clock(api, clock, case_no):
    for username in ("clerk_commerce", "zjj_handler", "zjj_approver", "supervisor", "designer", "admin",
                     "scjgj_handler", "scjgj_reviewer"):
        assert pause(api.as_user(username), case_no).status_code == 403, username
    assert pause(api.as_user("scjgj_approver"), case_no).status_code == 201
    pause_id = api.as_user("scjgj_handler").get(f"/api/v1/cases/{case_no}/pauses").get_json()[0]["id"]
    assert end(api.as_user("zjj_head"), case_no, pause_id).status_code == 403


def test_the_clock_of_a_case_not_yet_accepted_cannot_be_paused(api, clock):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.submit_case(materials=["M01"], decision="supplement", missing=["M02"]).get_json()["case_no"]
    assert pause(api.as_user("scjgj_approver"), case_no).status_code == 409


@pytest.mark.parametrize("body, field", [
    ({"kind": "holiday", "reason": "x"}, "kind"),
    ({"kind": "hearing"}, "reason"),
    ({"kind": "hearing", "reason": "   "}, "reason"),
    ({"kind": "hearing", "reason": "听证", "expected_days": 0}, "expected_days"),
    ({"kind": "hearing", "reason": "听证", "expected_days": "soon"}, "expected_days"),
])
def test_bad_pause_requests_name_the_field(api, case_no, body, field):
    response = api.as_user("scjgj_approver").post(f"/api/v1/cases/{case_no}/pauses", json=body)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["errors"]["json"]
