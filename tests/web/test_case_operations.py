"""Every case operation from the case page (test client, real CSRF): the role that may do it finds the form and
succeeds with the action in the case history; another role finds no form and is refused 403; bad input is a
422 naming the field; 退回 offers only the steps already done and refuses a later one."""
import re

import pytest

from tests.operations.conftest import colleague  # noqa: F401  (fixture)
from tests.support import FOOD_LICENCE, JOINT_ACCEPTANCE


def _page(browser, case_no) -> str:
    response = browser.get(f"/cases/{case_no}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _actions(api, case_no, user="scjgj_head"):
    return [e["action"] for e in api.as_user(user).case(case_no)["history"]]


def _event(api, case_no, action, user="scjgj_head"):
    [event] = [e for e in api.as_user(user).case(case_no)["history"] if e["action"] == action]
    return event


def _at_approval(api):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    api.as_user("scjgj_handler").decide(case_no, step="handle")
    api.as_user("scjgj_reviewer").decide(case_no, step="review")
    return case_no


@pytest.fixture()
def case_no(api):
    return api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]


def _task_id(page, action):
    return re.search(rf'/tasks/([^/"]+)/{action}"', page).group(1)


def _refused_field(response, status, field_name):
    assert response.status_code == status, response.get_data(as_text=True)[:400]
    assert f'data-field="{field_name}"' in response.get_data(as_text=True)


# -- 暂停计时 / 恢复计时 ----------------------------------------------------------------------------------------------
def test_a_pause_by_the_approver_and_its_end_are_in_the_history(api, browser_for):
    case_no = _at_approval(api)
    approver = browser_for("scjgj_approver")
    page = _page(approver, case_no)
    assert 'value="expert_review" data-days="10"' in page and 'data-state="running"' in page

    _refused_field(approver.post(f"/cases/{case_no}/pause", {"kind": "expert_review", "reason": ""}), 422, "reason")
    _refused_field(approver.post(f"/cases/{case_no}/pause", {"kind": "coffee", "reason": "x"}), 422, "kind")
    _refused_field(approver.post(f"/cases/{case_no}/pause", {"kind": "hearing", "reason": "x",
                                                             "expected_days": "0"}), 422, "expected_days")
    assert "clock.paused" not in _actions(api, case_no)

    response = approver.post(f"/cases/{case_no}/pause", {"kind": "expert_review", "reason": "组织专家评审",
                                                         "expected_days": "10"})
    assert response.status_code == 303
    page = _page(approver, case_no)
    assert 'data-state="paused"' in page and 'data-testid="resume-clock"' in page and "组织专家评审" in page
    paused = _event(api, case_no, "clock.paused")
    assert paused["opinion"] == "组织专家评审" and paused["detail"]["kind"] == "expert_review"

    pause_id = re.search(r'/pauses/(\d+)/end', page).group(1)
    assert approver.post(f"/cases/{case_no}/pauses/{pause_id}/end", {"note": "评审完成"}).status_code == 303
    assert 'data-state="running"' in _page(approver, case_no)
    assert _event(api, case_no, "clock.resumed")["opinion"] == "评审完成"


def test_a_handler_is_offered_no_pause_and_is_refused_one(api, browser_for, case_no):
    handler = browser_for("scjgj_handler")
    assert 'data-testid="op-pause"' not in _page(handler, case_no)
    response = handler.post(f"/cases/{case_no}/pause", {"kind": "expert_review", "reason": "组织专家评审"})
    assert response.status_code == 403
    assert "clock.paused" not in _actions(api, case_no)


# -- 延长审批 --------------------------------------------------------------------------------------------------------
def test_the_lead_departments_approver_extends_the_case_once(api, browser_for, case_no):
    approver = browser_for("scjgj_approver")
    assert 'data-testid="op-extension"' in _page(approver, case_no)
    _refused_field(approver.post(f"/cases/{case_no}/extension", {"days": "11", "reason": "情况复杂"}), 422, "days")
    _refused_field(approver.post(f"/cases/{case_no}/extension", {"days": "5"}), 422, "reason")

    assert approver.post(f"/cases/{case_no}/extension", {"days": "5", "reason": "需现场核查"}).status_code == 303
    page = _page(approver, case_no)
    assert 'data-testid="extension"' in page and 'data-testid="op-extension"' not in page
    assert _event(api, case_no, "clock.extended")["detail"]["days"] == 5
    again = approver.post(f"/cases/{case_no}/extension", {"days": "2", "reason": "再延"})
    assert again.status_code == 409


def test_a_handler_cannot_extend(api, browser_for, case_no):
    handler = browser_for("scjgj_handler")
    assert 'data-testid="op-extension"' not in _page(handler, case_no)
    assert handler.post(f"/cases/{case_no}/extension", {"days": "5", "reason": "x"}).status_code == 403


# -- 催办 ----------------------------------------------------------------------------------------------------------
def test_the_window_urges_the_current_handler_from_the_case_page(api, browser_for, case_no):
    clerk = browser_for("clerk_commerce")
    assert 'data-testid="op-urge"' in _page(clerk, case_no)
    _refused_field(clerk.post(f"/cases/{case_no}/urge", {"message": ""}), 422, "message")
    assert clerk.post(f"/cases/{case_no}/urge", {"message": "申请人来电询问"}).status_code == 303
    assert _event(api, case_no, "case.urged")["opinion"] == "申请人来电询问"
    handler_page = _page(browser_for("scjgj_handler"), case_no)
    assert 'data-testid="bell-count">1<' in handler_page

    approver = browser_for("scjgj_approver")
    assert 'data-testid="op-urge"' not in _page(approver, case_no)
    assert approver.post(f"/cases/{case_no}/urge", {"message": "越权"}).status_code == 403


# -- 挂起 / 激活 / 终止 ---------------------------------------------------------------------------------------------
def test_the_head_suspends_activates_and_terminates(api, browser_for, case_no):
    head = browser_for("scjgj_head")
    page = _page(head, case_no)
    assert 'data-testid="op-suspend"' in page and 'data-testid="op-terminate"' in page
    _refused_field(head.post(f"/cases/{case_no}/suspend", {"reason": ""}), 422, "reason")

    assert head.post(f"/cases/{case_no}/suspend", {"reason": "涉及信访"}).status_code == 303
    page = _page(head, case_no)
    assert 'data-testid="suspended"' in page and 'data-testid="op-activate"' in page
    handler_page = _page(browser_for("scjgj_handler"), case_no)
    assert 'data-testid="task-operations"' not in handler_page  # a suspended case offers no task operation
    assert head.post(f"/cases/{case_no}/activate", {"reason": "信访已处理"}).status_code == 303
    _refused_field(head.post(f"/cases/{case_no}/terminate", {"reason": ""}), 422, "reason")
    assert head.post(f"/cases/{case_no}/terminate", {"reason": "申请人主体资格灭失"}).status_code == 303
    actions = _actions(api, case_no)
    assert [a for a in actions if a.startswith("case.") and a not in ("case.received", "case.accepted")] == [
        "case.suspended", "case.resumed", "case.terminated"]
    assert api.as_user("scjgj_head").case(case_no)["status"] == "terminated"


def test_the_approver_may_not_suspend_or_terminate(api, browser_for, case_no):
    approver = browser_for("scjgj_approver")
    page = _page(approver, case_no)
    assert 'data-testid="op-suspend"' not in page and 'data-testid="op-terminate"' not in page
    assert approver.post(f"/cases/{case_no}/suspend", {"reason": "x"}).status_code == 403
    assert approver.post(f"/cases/{case_no}/terminate", {"reason": "x"}).status_code == 403


# -- 转办 / 委派 / 加签 ----------------------------------------------------------------------------------------------
def test_the_handler_transfers_to_a_colleague_picked_from_the_list(api, browser_for, case_no, colleague):  # noqa: F811
    handler = browser_for("scjgj_handler")
    page = _page(handler, case_no)
    options = re.search(r'data-testid="transfer-to">(.*?)</select>', page, re.S).group(1)
    assert f'value="{colleague}"' in options and "scjgj_reviewer" not in options and "zjj_" not in options
    task_id = _task_id(page, "transfer")

    _refused_field(handler.post(f"/cases/{case_no}/tasks/{task_id}/transfer", {"to_user": "zjj_handler"}),
                   422, "to_user")
    _refused_field(handler.post(f"/cases/{case_no}/tasks/{task_id}/transfer", {}), 422, "to_user")
    response = handler.post(f"/cases/{case_no}/tasks/{task_id}/transfer", {"to_user": colleague, "opinion": "请周工"})
    assert response.status_code == 303
    assert _event(api, case_no, "task.transferred")["detail"]["to_user"] == colleague
    assert 'data-testid="my-task"' not in _page(handler, case_no)
    receiver = browser_for(colleague)
    page = _page(receiver, case_no)
    assert 'data-testid="my-task"' in page and 'data-testid="bell-count">1<' in page


def test_another_department_cannot_transfer_the_task(api, browser_for, case_no):
    task_id = api.as_user("scjgj_handler").task_for(case_no)["id"]
    other = browser_for("scjgj_reviewer")
    response = other.post(f"/cases/{case_no}/tasks/{task_id}/transfer", {"to_user": "scjgj_handler"})
    assert response.status_code == 403
    assert "task.transferred" not in _actions(api, case_no)


def test_the_handler_delegates_to_the_head_and_adds_a_signer_of_the_cases_departments(api, browser_for, case_no):
    handler = browser_for("scjgj_handler")
    page = _page(handler, case_no)
    signers = re.search(r'data-testid="signer">(.*?)</select>', page, re.S).group(1)
    assert 'value="scjgj_reviewer"' in signers and "zjj_" not in signers and "xfzd_" not in signers
    task_id = _task_id(page, "add-signer")
    _refused_field(handler.post(f"/cases/{case_no}/tasks/{task_id}/add-signer", {"to_user": "zjj_head"}),
                   422, "to_user")
    assert handler.post(f"/cases/{case_no}/tasks/{task_id}/add-signer",
                        {"to_user": "scjgj_reviewer", "opinion": "请会签"}).status_code == 303

    reviewer = browser_for("scjgj_reviewer")
    page = _page(reviewer, case_no)
    assert 'data-testid="to-sign"' in page
    _refused_field(reviewer.post(f"/cases/{case_no}/tasks/{task_id}/sign", {"opinion": ""}), 422, "opinion")
    assert reviewer.post(f"/cases/{case_no}/tasks/{task_id}/sign", {"opinion": "同意"}).status_code == 303

    assert handler.post(f"/cases/{case_no}/tasks/{task_id}/delegate",
                        {"to_user": "scjgj_head", "opinion": "请把关"}).status_code == 303
    actions = _actions(api, case_no)
    assert ["task.signer_added", "task.signed", "task.delegated"] == [
        a for a in actions if a in ("task.signer_added", "task.signed", "task.delegated")]
    assert api.as_user("scjgj_head").task_for(case_no)["delegated_by"] == "scjgj_handler"


# -- 退回 / 撤回 -----------------------------------------------------------------------------------------------------
def test_return_offers_only_steps_already_done_and_refuses_a_later_one(api, browser_for):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    api.as_user("scjgj_handler").decide(case_no, step="handle")
    reviewer = browser_for("scjgj_reviewer")
    page = _page(reviewer, case_no)
    steps = re.search(r'data-testid="return-to">(.*?)</select>', page, re.S).group(1)
    assert re.findall(r'value="([^"]+)"', steps) == ["Task_Handle"]
    task_id = _task_id(page, "return")

    _refused_field(reviewer.post(f"/cases/{case_no}/tasks/{task_id}/return",
                                 {"to_step": "Task_Approve", "opinion": "退到后面"}), 422, "to_step")
    _refused_field(reviewer.post(f"/cases/{case_no}/tasks/{task_id}/return",
                                 {"to_step": "Task_Handle"}), 422, "opinion")
    assert reviewer.post(f"/cases/{case_no}/tasks/{task_id}/return",
                         {"to_step": "Task_Handle", "opinion": "面积有误"}).status_code == 303
    assert _event(api, case_no, "task.returned")["detail"]["to_step"] == "Task_Handle"
    assert api.as_user("scjgj_handler").task_for(case_no)["step"] == "handle"


def test_the_handler_withdraws_a_task_just_completed(api, browser_for, case_no):
    handler = browser_for("scjgj_handler")
    task_id = api.as_user("scjgj_handler").task_for(case_no)["id"]
    api.as_user("scjgj_handler").decide(case_no, step="handle")
    page = _page(handler, case_no)
    assert 'data-testid="withdrawable"' in page
    assert 'data-testid="withdrawable"' not in _page(browser_for("scjgj_reviewer"), case_no)
    assert browser_for("scjgj_reviewer").post(f"/cases/{case_no}/tasks/{task_id}/withdraw", {}).status_code == 403

    assert handler.post(f"/cases/{case_no}/tasks/{task_id}/withdraw", {"opinion": "意见写错"}).status_code == 303
    assert _event(api, case_no, "task.withdrawn")["opinion"] == "意见写错"
    assert api.as_user("scjgj_handler").task_for(case_no)["step"] == "handle"


def test_a_task_of_another_case_is_not_found(api, browser_for, case_no):
    other = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    task_id = api.as_user("scjgj_handler").task_for(other)["id"]
    response = browser_for("scjgj_handler").post(f"/cases/{case_no}/tasks/{task_id}/withdraw", {})
    assert response.status_code == 404


def test_a_json_client_gets_the_field_in_the_apis_error_shape(api, browser_for, case_no):
    head = browser_for("scjgj_head")
    head.get(f"/cases/{case_no}")
    response = head.client.post(f"/cases/{case_no}/suspend", data={"csrf_token": head.token, "reason": ""},
                                headers={"Accept": "application/json"})
    assert response.status_code == 422 and "reason" in response.get_json()["errors"]["json"]


def test_an_operation_without_the_csrf_token_is_refused(api, browser_for, case_no):
    head = browser_for("scjgj_head")
    response = head.client.post(f"/cases/{case_no}/suspend", data={"reason": "x"})
    assert response.status_code == 400
    assert "case.suspended" not in _actions(api, case_no)


# -- 并联 steps name their department --------------------------------------------------------------------------------
def test_joint_steps_name_their_department_on_the_case_page_and_in_the_task_data(api, browser_for):
    case = api.as_user("clerk_construction").accept_case(JOINT_ACCEPTANCE)
    case_no = case["case_no"]
    lead = api.as_user("zjj_handler")
    task = lead.task_for(case_no)
    assert task["department_name"] and task["step_label"] == f"牵头部门预审（{task['department_name']}）"
    assert f'data-testid="my-task-step">{task["step_label"]}<' in _page(browser_for("zjj_handler"), case_no)
    lead.decide(case_no)
    fire = api.as_user("xfzd_approver").task_for(case_no)
    assert fire["step_label"] == f"协办部门审批（{fire['subject']}）"
    page = _page(browser_for("xfzd_approver"), case_no)
    assert f'data-testid="my-task-step">协办部门审批（{fire["subject"]}）<' in page


# -- 申请延长审批 → 批准 --------------------------------------------------------------------------------------------
def test_a_handler_asks_for_an_extension_and_the_approver_approves_it(api, browser_for, case_no):
    handler = browser_for("scjgj_handler")
    assert 'data-testid="op-extension-request"' in _page(handler, case_no)
    _refused_field(handler.post(f"/cases/{case_no}/extension-requests", {"days": "11", "reason": "复杂"}), 422, "days")
    _refused_field(handler.post(f"/cases/{case_no}/extension-requests", {"days": "x", "reason": "复杂"}), 422, "days")
    assert handler.post(f"/cases/{case_no}/extension-requests",
                        {"days": "5", "reason": "需组织现场核查"}).status_code == 303
    assert _event(api, case_no, "clock.extension_requested")["detail"]["days"] == 5

    reviewer = browser_for("scjgj_reviewer")  # of the department, but not the authorised person
    assert 'data-testid="extension-decision"' not in _page(reviewer, case_no)
    request_id = api.as_user("scjgj_head").get(f"/api/v1/cases/{case_no}/extension-requests").get_json()[0]["id"]
    url = f"/cases/{case_no}/extension-requests/{request_id}/decision"
    assert reviewer.post(url, {"approve": "true"}).status_code == 403

    approver = browser_for("scjgj_approver")
    page = _page(approver, case_no)
    assert 'data-testid="extension-decision"' in page and "需组织现场核查" in page
    assert 'data-testid="bell-count">1<' in page  # the request was notified to the authorised people
    assert approver.post(url, {"approve": "true", "note": "同意延长"}).status_code == 303
    assert _event(api, case_no, "clock.extended")["detail"]["days"] == 5
    assert 'data-testid="extension"' in _page(approver, case_no)
    assert approver.post(url, {"approve": "true"}).status_code == 409


def test_a_declined_extension_needs_a_reason_and_nobody_approves_their_own(api, browser_for, case_no):
    approver = api.as_user("scjgj_approver")
    asked = approver.post(f"/api/v1/cases/{case_no}/extension-requests", json={"days": 3, "reason": "自己申请"})
    assert asked.status_code == 201, asked.get_json()
    url = f"/cases/{case_no}/extension-requests/{asked.get_json()['id']}/decision"
    assert browser_for("scjgj_approver").post(url, {"approve": "true"}).status_code == 403

    head = browser_for("scjgj_head")
    _refused_field(head.post(url, {"approve": "false"}), 422, "note")
    _refused_field(head.post(url, {}), 422, "approve")
    assert head.post(url, {"approve": "false", "note": "期限内可以办结"}).status_code == 303
    assert _event(api, case_no, "clock.extension_declined")["opinion"] == "期限内可以办结"
    assert "clock.extended" not in _actions(api, case_no)


def test_the_reviewers_refusal_button_says_it_is_a_proposal_and_only_the_approvers_decides(api, browser_for):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    api.as_user("scjgj_handler").decide(case_no, step="handle")
    assert "拟不予许可（送审批）" in _page(browser_for("scjgj_reviewer"), case_no)
    api.as_user("scjgj_reviewer").decide(case_no, "reject", "建议不予许可", step="review")
    page = _page(browser_for("scjgj_approver"), case_no)
    assert 'data-testid="decide-reject">不予许可<' in page and "拟不予许可" not in page
