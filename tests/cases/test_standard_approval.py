"""后台分类审批 of a standard 承诺件: 承办 → 审核 → 审批 → 出件, with 退回 and 不予许可."""
from tests.support import FOOD_LICENCE, history_actions


def test_a_standard_case_goes_through_three_steps_and_is_issued_at_the_window(api):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE)["case_no"]

    api.as_user("scjgj_handler").decide(case_no, "approve", "材料齐全，拟同意", step="handle")
    api.as_user("scjgj_reviewer").decide(case_no, "approve", "审核通过", step="review")
    api.as_user("scjgj_approver").decide(case_no, "approve", "准予许可", step="approve")

    case = clerk.case(case_no)
    assert case["status"] == "awaiting_issue" and case["result"] == "approved"
    assert [t["step"] for t in case["open_tasks"]] == ["issue"]

    response = clerk.issue(case_no, method="post", tracking_no="EMS1234567890")
    assert response.status_code == 200, response.get_json()
    case = response.get_json()
    assert case["status"] == "finished" and case["issue_method"] == "post"
    assert case["tracking_no"] == "EMS1234567890" and case["finished_at"]
    assert history_actions(case) == [
        ("case.received", None, None),
        ("case.accepted", "受理审查", "accept"),
        ("task.completed", "承办", "approve"),
        ("task.completed", "审核", "approve"),
        ("task.completed", "审批", "approve"),
        ("case.decided", None, "approved"),
        ("decision.issued", None, None),
        ("case.issued", "出件", "issue"),
        ("case.finished", None, None),
    ]
    opinions = [e["opinion"] for e in case["history"] if e["action"] == "task.completed"]
    assert opinions == ["材料齐全，拟同意", "审核通过", "准予许可"]
    assert case["open_tasks"] == []


def test_a_reviewer_returns_the_case_one_step_with_the_reason_in_the_history(api):
    case_no = api.as_user("clerk_commerce").accept_case()["case_no"]
    handler = api.as_user("scjgj_handler")
    handler.decide(case_no, step="handle")

    api.as_user("scjgj_reviewer").decide(case_no, "return", "场所面积计算有误，请重新核实", step="review")

    again = handler.task_for(case_no)
    assert again["step"] == "handle"
    case = handler.case(case_no)
    returned = [e for e in case["history"] if e["action"] == "task.returned"]
    assert [(e["step"], e["opinion"]) for e in returned] == [("审核", "场所面积计算有误，请重新核实")]
    assert case["status"] == "in_progress"
    assert api.as_user("scjgj_reviewer").tasks(case_no=case_no) == []


def test_an_approver_returns_to_review_and_the_case_still_reaches_a_decision(api):
    case_no = api.as_user("clerk_commerce").accept_case()["case_no"]
    api.as_user("scjgj_handler").decide(case_no)
    reviewer = api.as_user("scjgj_reviewer")
    reviewer.decide(case_no)
    api.as_user("scjgj_approver").decide(case_no, "return", "请补充现场核查意见")
    assert reviewer.task_for(case_no)["step"] == "review"
    reviewer.decide(case_no, "approve", "已补充现场核查意见")
    api.as_user("scjgj_approver").decide(case_no, "approve")
    assert reviewer.case(case_no)["result"] == "approved"


def test_a_reviewers_refusal_is_a_proposal_that_goes_to_the_approver(api):
    """Only the approver (首席代表) decides 不予许可: the handler's and the reviewer's reject are proposals."""
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case()["case_no"]
    api.as_user("scjgj_handler").decide(case_no, "reject", "经营场所与住宅未有效隔离，拟不予许可")
    api.as_user("scjgj_reviewer").decide(case_no, "reject", "不符合《食品经营许可和备案管理办法》第十二条")

    case = clerk.case(case_no)
    assert case["status"] == "in_progress" and case["result"] is None
    approver = api.as_user("scjgj_approver")
    assert approver.task_for(case_no)["step"] == "approve"
    proposals = [(e["step"], e["decision"]) for e in case["history"] if e["action"] == "task.completed"]
    assert proposals == [("承办", "reject"), ("审核", "reject")]


def test_the_approvers_refusal_ends_the_case_with_the_refusal_decision(api):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case()["case_no"]
    api.as_user("scjgj_handler").decide(case_no, "reject", "拟不予许可")
    api.as_user("scjgj_reviewer").decide(case_no, "reject", "建议不予许可")
    api.as_user("scjgj_approver").decide(case_no, "reject", "不符合《食品经营许可和备案管理办法》第十二条")

    case = clerk.case(case_no)
    assert case["status"] == "awaiting_issue" and case["result"] == "refused"
    decided = [e for e in case["history"] if e["action"] == "case.decided"]
    assert [e["decision"] for e in decided] == ["refused"]
    assert decided[0]["actor"] == next(e["actor"] for e in case["history"] if e["step"] == "审批")
    assert clerk.issue(case_no).get_json()["status"] == "finished"


def test_the_dispatch_rule_sends_a_fire_safety_item_to_the_fire_brigade_by_default(api):
    """rules/dispatch_department.dmn names three items; any other item goes to its implementing department."""
    case = api.as_user("clerk_construction").accept_case(
        "330100-XK-006", materials=["M01", "M02", "M03"])
    assert [t["department"] for t in case["open_tasks"]] == ["XFZD"]
    assert api.as_user("xfzd_handler").task_for(case["case_no"])["name"] == "承办"


def test_issuing_before_a_decision_is_a_conflict(api):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case()["case_no"]
    response = clerk.issue(case_no)
    assert response.status_code == 409
    assert response.get_json()["message"]


def test_posting_a_result_needs_a_tracking_number(api):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case()["case_no"]
    for user, step in [("scjgj_handler", "handle"), ("scjgj_reviewer", "review"), ("scjgj_approver", "approve")]:
        api.as_user(user).decide(case_no, step=step)
    response = clerk.issue(case_no, method="post")
    assert response.status_code == 422
    assert "tracking_no" in response.get_json()["errors"]["json"]
