"""催办, 挂起 / 激活 and 终止 of a case."""
from datetime import timedelta

from tests.support import FOOD_LICENCE
from tests.timers.support import SECOND, next_due, sweep


def _actions(case):
    return [e["action"] for e in case["history"]]


def test_the_window_urges_the_handler_once_an_hour(api, case_clock):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE)["case_no"]

    response = clerk.post(f"/api/v1/cases/{case_no}/urge", json={"message": "申请人来电询问进度"})
    assert response.status_code == 200, response.get_json()
    notes = api.as_user("scjgj_handler").get("/api/v1/notifications").get_json()
    urged = [n for n in notes if n["kind"] == "urge"]
    assert len(urged) == 1 and case_no in urged[0]["message"] and "申请人来电询问进度" in urged[0]["message"]
    [event] = [e for e in clerk.case(case_no)["history"] if e["action"] == "case.urged"]
    assert event["opinion"] == "申请人来电询问进度" and event["detail"]["recipients"] == ["SCJGJ:handler"]

    again = api.as_user("supervisor").post(f"/api/v1/cases/{case_no}/urge", json={"message": "再次催办"})
    assert again.status_code == 409
    case_clock.set(case_clock.now + timedelta(hours=1, minutes=1))
    assert api.as_user("supervisor").post(f"/api/v1/cases/{case_no}/urge",
                                          json={"message": "再次催办"}).status_code == 200
    assert api.as_user("clerk_construction").post(f"/api/v1/cases/{case_no}/urge",
                                                  json={"message": "越权催办"}).status_code == 403


def test_a_suspended_case_refuses_completion_and_fires_no_timers_until_resumed(api, app):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    head, handler = api.as_user("scjgj_head"), api.as_user("scjgj_handler")
    task = handler.task_for(case_no)
    due = next_due(app, case_no)

    for username in ("admin", "scjgj_approver", "zjj_head", "supervisor"):  # IT, other roles, other departments
        assert api.as_user(username).post(f"/api/v1/cases/{case_no}/suspend",
                                          json={"reason": "越权挂起"}).status_code == 403, username
    response = head.post(f"/api/v1/cases/{case_no}/suspend", json={"reason": "涉及信访，暂缓办理"})
    assert response.status_code == 200, response.get_json()
    refused = handler.complete(task["id"])
    assert refused.status_code == 409 and "挂起" in refused.get_json()["message"]
    assert handler.post(f"/api/v1/tasks/{task['id']}/transfer", json={"to_user": "zjj_handler"}).status_code == 409
    assert sweep(app, due + SECOND).fired == []
    assert head.post(f"/api/v1/cases/{case_no}/suspend", json={"reason": "再次挂起"}).status_code == 409

    assert head.post(f"/api/v1/cases/{case_no}/resume", json={"reason": "信访已处理"}).status_code == 200
    assert sweep(app, due + SECOND).fired == [case_no]
    assert handler.complete(task["id"]).status_code == 200
    case = handler.case(case_no)
    assert ["case.suspended", "case.resumed"] == [a for a in _actions(case) if a in ("case.suspended", "case.resumed")]
    assert [e["opinion"] for e in case["history"] if e["action"] == "case.suspended"] == ["涉及信访，暂缓办理"]


def test_the_department_head_terminates_a_case_and_its_tasks_are_cancelled(api):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE)["case_no"]
    handler = api.as_user("scjgj_handler")
    task = handler.task_for(case_no)

    pause = api.as_user("scjgj_approver").post(f"/api/v1/cases/{case_no}/pauses",
                                               json={"kind": "inspection", "reason": "送检验检测"})
    assert pause.status_code == 201, pause.get_json()
    for username in ("admin", "zjj_head", "scjgj_approver"):
        assert api.as_user(username).post(f"/api/v1/cases/{case_no}/terminate",
                                          json={"reason": "申请人撤回申请"}).status_code == 403, username
    response = api.as_user("scjgj_head").post(f"/api/v1/cases/{case_no}/terminate", json={"reason": "申请人撤回申请"})
    assert response.status_code == 200, response.get_json()
    case = clerk.case(case_no)
    assert case["status"] == "terminated" and case["status_label"] == "已终止"
    assert case["open_tasks"] == [] and case["finished_at"]
    assert [e["opinion"] for e in case["history"] if e["action"] == "case.terminated"] == ["申请人撤回申请"]
    assert [e["action"] for e in case["history"]][-2:] == ["clock.resumed", "case.terminated"]  # the pause ended
    assert handler.tasks(case_no=case_no) == []
    assert handler.complete(task["id"]).status_code == 409
    assert api.as_user("scjgj_head").post(f"/api/v1/cases/{case_no}/terminate",
                                          json={"reason": "再次终止"}).status_code == 409


def test_a_suspended_case_is_not_issued_until_resumed_and_a_terminated_case_stops_its_clock(api):
    clerk, head = api.as_user("clerk_commerce"), api.as_user("scjgj_head")
    case_no = clerk.accept_case(FOOD_LICENCE)["case_no"]
    for user, step in [("scjgj_handler", "handle"), ("scjgj_reviewer", "review"), ("scjgj_approver", "approve")]:
        api.as_user(user).decide(case_no, step=step)
    assert head.post(f"/api/v1/cases/{case_no}/suspend", json={"reason": "核查申请人身份"}).status_code == 200
    assert clerk.issue(case_no).status_code == 409
    # a decided case keeps its decision: it cannot be terminated (its licence would stay valid)
    refused = head.post(f"/api/v1/cases/{case_no}/terminate", json={"reason": "申请人撤回申请"})
    assert refused.status_code == 409 and "不能终止" in refused.get_json()["message"]
    assert head.post(f"/api/v1/cases/{case_no}/resume", json={"reason": "核查完毕"}).status_code == 200
    assert clerk.issue(case_no).status_code == 200

    other = clerk.accept_case(FOOD_LICENCE)["case_no"]
    assert head.post(f"/api/v1/cases/{other}/terminate", json={"reason": "申请人撤回申请"}).status_code == 200
    assert clerk.case(other)["clock_state"] == "stopped"
