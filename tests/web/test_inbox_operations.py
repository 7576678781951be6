"""转办 and 委派 from the approver's task list (test client, real CSRF)."""
import re

from tests.operations.conftest import colleague  # noqa: F401  (fixture)
from tests.support import FOOD_LICENCE


def _task_id(page, action):
    return re.search(rf'/inbox/tasks/([^/"]+)/{action}', page).group(1)


def test_a_handler_transfers_a_task_from_the_inbox_and_it_leaves_the_list(api, browser_for, colleague):  # noqa: F811
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    handler = browser_for("scjgj_handler")
    page = handler.get("/inbox").get_data(as_text=True)
    assert 'data-testid="hand-over"' in page
    task_id = _task_id(page, "transfer")

    refused = handler.post(f"/inbox/tasks/{task_id}/transfer", {"to_user": "zjj_handler", "opinion": "转给住建"})
    assert refused.status_code == 302
    assert "不属于本环节的部门和岗位" in handler.get(refused.headers["Location"]).get_data(as_text=True)

    response = handler.post(f"/inbox/tasks/{task_id}/transfer", {"to_user": colleague, "opinion": "请周工承办"})
    assert response.status_code == 302
    page = handler.get(response.headers["Location"]).get_data(as_text=True)
    assert "已转办" in page and 'data-testid="task-count">0<' in page
    assert case_no in browser_for(colleague).get("/inbox").get_data(as_text=True)


def test_a_handler_delegates_a_task_from_the_inbox_to_the_head(api, browser_for):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    handler = browser_for("scjgj_handler")
    task_id = _task_id(handler.get("/inbox").get_data(as_text=True), "delegate")

    response = handler.post(f"/inbox/tasks/{task_id}/delegate", {"to_user": "scjgj_head", "opinion": "请把关"})
    assert response.status_code == 302
    assert "已委派" in handler.get(response.headers["Location"]).get_data(as_text=True)
    assert case_no in browser_for("scjgj_head").get("/inbox").get_data(as_text=True)
    assert api.as_user("scjgj_head").task_for(case_no)["delegated_by"] == "scjgj_handler"


def test_an_approver_returns_a_case_to_handling_from_the_inbox(api, browser_for):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    api.as_user("scjgj_handler").decide(case_no, step="handle")
    api.as_user("scjgj_reviewer").decide(case_no, step="review")
    approver = browser_for("scjgj_approver")
    page = approver.get("/inbox").get_data(as_text=True)
    assert 'data-testid="return-to-step"' in page and '<option value="Task_Handle">承办</option>' in page
    task_id = _task_id(page, "return")

    response = approver.post(f"/inbox/tasks/{task_id}/return", {"to_step": "Task_Handle", "opinion": "请重新核实面积"})
    assert response.status_code == 302
    assert "已退回" in approver.get(response.headers["Location"]).get_data(as_text=True)
    assert api.as_user("scjgj_handler").task_for(case_no)["step"] == "handle"
    returned = [e for e in api.as_user("scjgj_handler").case(case_no)["history"] if e["action"] == "task.returned"]
    assert [(e["opinion"], e["detail"]["to_step"]) for e in returned] == [("请重新核实面积", "Task_Handle")]
