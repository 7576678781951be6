"""转办, 退回到任意已办环节 and 撤回 on back-office approval tasks."""
from tests.support import FOOD_LICENCE, history_actions
from tests.timers.support import next_due


def _events(case, action):
    return [e for e in case["history"] if e["action"] == action]


def test_a_handler_transfers_a_task_to_a_colleague_who_completes_it(api, colleague):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    handler = api.as_user("scjgj_handler")
    task = handler.task_for(case_no)

    response = handler.post(f"/api/v1/tasks/{task['id']}/transfer",
                            json={"to_user": colleague, "opinion": "本人出差，请周工承办"})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["assignee"] == colleague

    assert handler.tasks(case_no=case_no) == []
    assert handler.complete(task["id"]).status_code == 403
    assert handler.post(f"/api/v1/tasks/{task['id']}/transfer", json={"to_user": "scjgj_handler"}).status_code == 403
    other = api.as_user(colleague)
    assert other.task_for(case_no)["id"] == task["id"]
    assert other.complete(task["id"], "approve", "材料齐全").status_code == 200

    case = handler.case(case_no)
    [transferred] = _events(case, "task.transferred")
    assert transferred["opinion"] == "本人出差，请周工承办" and transferred["detail"]["to_user"] == colleague
    assert ("task.completed", "承办", "approve") in history_actions(case)
    notes = other.get("/api/v1/notifications").get_json()
    assert any(n["kind"] == "transfer" and case_no in n["message"] for n in notes)


def test_a_task_cannot_be_transferred_outside_its_department_and_role_group(api, colleague):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    handler = api.as_user("scjgj_handler")
    task_id = handler.task_for(case_no)["id"]

    for to_user in ("zjj_handler", "scjgj_reviewer", "nobody"):
        response = handler.post(f"/api/v1/tasks/{task_id}/transfer", json={"to_user": to_user})
        assert response.status_code == 422, response.get_json()
        assert "to_user" in response.get_json()["errors"]["json"]
    outsider = api.as_user("zjj_handler").post(f"/api/v1/tasks/{task_id}/transfer", json={"to_user": colleague})
    assert outsider.status_code == 403
    assert handler.task_for(case_no)["assignee"] is None


def test_a_reviewer_returns_the_case_two_steps_back_and_it_proceeds_again(api, app):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE)["case_no"]
    handler, reviewer, approver = (api.as_user(u) for u in ("scjgj_handler", "scjgj_reviewer", "scjgj_approver"))
    handle = handler.decide(case_no, step="handle")
    reviewer.decide(case_no, step="review")
    task = approver.task_for(case_no)

    steps = approver.get(f"/api/v1/tasks/{task['id']}/returnable-steps").get_json()
    assert [s["step_id"] for s in steps] == ["Task_Review", "Task_Handle"]  # never the window acceptance

    refused = approver.post(f"/api/v1/tasks/{task['id']}/return",
                            json={"to_step": "Task_Acceptance", "opinion": "退回窗口"})
    assert refused.status_code == 422 and "to_step" in refused.get_json()["errors"]["json"]
    response = approver.post(f"/api/v1/tasks/{task['id']}/return",
                             json={"to_step": "Task_Handle", "opinion": "经营场所面积须重新现场核实"})
    assert response.status_code == 200, response.get_json()

    again = handler.task_for(case_no)
    assert again["step"] == "handle" and again["id"] == handle["id"]
    assert approver.tasks(case_no=case_no) == [] and reviewer.tasks(case_no=case_no) == []
    case = clerk.case(case_no)
    [returned] = _events(case, "task.returned")
    assert (returned["step"], returned["opinion"]) == ("审批", "经营场所面积须重新现场核实")
    assert returned["detail"]["to_step"] == "Task_Handle"
    assert [t["step"] for t in case["open_tasks"]] == ["handle"]
    assert again["step_due_at"] and next_due(app, case_no) is not None  # the handling limit runs again

    handler.decide(case_no, "approve", "已重新核实")
    reviewer.decide(case_no)
    approver.decide(case_no, "approve", "准予许可")
    case = clerk.case(case_no)
    assert case["status"] == "awaiting_issue" and case["result"] == "approved"


def test_a_handler_withdraws_a_completion_before_review_but_not_after(api):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    handler, reviewer = api.as_user("scjgj_handler"), api.as_user("scjgj_reviewer")
    handle = handler.decide(case_no, "approve", "拟同意")

    assert reviewer.post(f"/api/v1/tasks/{handle['id']}/withdraw", json={}).status_code == 403
    response = handler.post(f"/api/v1/tasks/{handle['id']}/withdraw", json={"opinion": "漏看一份材料"})
    assert response.status_code == 200, response.get_json()
    assert handler.task_for(case_no)["id"] == handle["id"]
    assert reviewer.tasks(case_no=case_no) == []
    case = handler.case(case_no)
    [withdrawn] = _events(case, "task.withdrawn")
    assert (withdrawn["step"], withdrawn["opinion"]) == ("承办", "漏看一份材料")

    handler.decide(case_no, "approve", "已补看材料，拟同意")
    reviewer.decide(case_no, "approve", "审核通过")
    late = handler.post(f"/api/v1/tasks/{handle['id']}/withdraw", json={"opinion": "想再改改"})
    assert late.status_code == 409, late.get_json()
    assert api.as_user("scjgj_approver").task_for(case_no)["step"] == "approve"
