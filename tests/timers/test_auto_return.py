"""超时自动退回: an item configured with timeout_action = auto_return has an overdue step cancelled and the case
returned to its comprehensive window, which re-dispatches it; the head still gets the 督办 task."""
from tests.support import FOOD_LICENCE, INSTANT_CHANGE
from tests.timers.support import SECOND, events, next_due, set_timeout_action, sweep


def test_an_overdue_step_of_an_auto_return_item_goes_back_to_the_window_and_is_redispatched(api, app):
    set_timeout_action(app, FOOD_LICENCE, "auto_return")
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE)["case_no"]
    handler = api.as_user("scjgj_handler")
    handler.decide(case_no, step="handle")
    reviewer = api.as_user("scjgj_reviewer")
    overdue_review = reviewer.task_for(case_no)

    assert sweep(app, next_due(app, case_no) + SECOND).fired == [case_no]

    assert reviewer.tasks(case_no=case_no) == []  # 审核 was cancelled
    returned = clerk.task_for(case_no)
    assert (returned["step"], returned["name"], returned["decisions"]) == ("timeout_return", "超时退回", ["redispatch"])
    assert api.as_user("scjgj_head").task_for(case_no)["subject"] == "审核超期"
    notices = reviewer.get("/api/v1/notifications").get_json()
    assert [n["kind"] for n in notices] == ["auto_return"] and "自动退回综合窗口" in notices[0]["message"]
    case = clerk.case(case_no)
    assert [e["detail"]["outcome"] for e in events(case, "timer.fired")] == ["auto_return"]
    assert [(e["step"], e["task_id"]) for e in events(case, "step.auto_returned")] == [("审核", overdue_review["id"])]
    assert case["status"] == "in_progress"
    assert next_due(app, case_no) is None  # nothing is timed while the window holds the case
    assert reviewer.complete(overdue_review["id"]).status_code == 409

    response = clerk.complete(returned["id"], "redispatch", "已电话督促承办部门")
    assert response.status_code == 200, response.get_json()
    assert handler.task_for(case_no)["step"] == "handle"  # dispatched again, with a fresh 2-day limit
    assert next_due(app, case_no) is not None


def test_items_remind_by_default_and_the_start_data_carries_the_items_setting(api, app):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    sweep(app, next_due(app, case_no) + SECOND)
    assert api.as_user("scjgj_handler").task_for(case_no)["step"] == "handle"
    assert api.as_user("clerk_commerce").tasks(case_no=case_no) == []


def test_an_instant_case_has_no_step_timer(api, app):
    response = api.as_user("clerk_commerce").submit_case(item_code=INSTANT_CHANGE, materials=("M01", "M02"))
    assert response.status_code == 201, response.get_json()
    assert next_due(app, response.get_json()["case_no"]) is None
