"""延长审批: the lead department's approver or head extends a case once, with a reason (standard items
up to 10 working days, joint items up to 15); both deadlines move and the history records it."""
from datetime import date

from tests.support import FOOD_LICENCE, JOINT_ACCEPTANCE


def extend(user, case_no, days=10, reason="需现场核查，经负责人批准延长"):
    return user.post(f"/api/v1/cases/{case_no}/extension", json={"days": days, "reason": reason})


def test_an_approver_extends_a_case_once_by_ten_working_days(api, clock):
    clock.set(date(2025, 9, 30))
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]  # due Oct 14, legal Oct 21
    approver = api.as_user("scjgj_approver")

    response = extend(approver, case_no, 10)
    assert response.status_code == 201, response.get_json()
    extension = response.get_json()
    assert extension["days"] == 10 and extension["special_procedure_code"] == "1"
    assert (extension["previous_deadline"], extension["previous_legal_deadline"]) == ("2025-10-14", "2025-10-21")
    assert extension["case"]["deadline"] == "2025-10-28" and extension["case"]["legal_deadline"] == "2025-11-04"

    again = extend(api.as_user("scjgj_head"), case_no, 1)
    assert again.status_code == 409 and "一次" in again.get_json()["message"]

    case = approver.case(case_no)
    assert case["deadline"] == "2025-10-28" and case["extension"]["decided_by"] == "黄工"
    event = case["history"][-1]
    assert (event["action"], event["label"], event["opinion"], event["detail"]["days"]) == (
        "clock.extended", "延长审批", "需现场核查，经负责人批准延长", 10)


def test_a_standard_item_is_extended_by_at_most_ten_working_days(api):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    response = extend(api.as_user("scjgj_head"), case_no, 11)
    assert response.status_code == 422
    assert response.get_json()["errors"]["json"] == {"days": ["该事项最多延长10个工作日"]}


def test_a_joint_item_may_be_extended_by_fifteen_working_days_by_the_lead_department(api, clock):
    clock.set(date(2025, 9, 30))
    case = api.as_user("clerk_construction").accept_case(JOINT_ACCEPTANCE)
    assert extend(api.as_user("xfzd_approver"), case["case_no"], 15).status_code == 403  # co-department
    response = extend(api.as_user("zjj_approver"), case["case_no"], 15)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["case"]["deadline"] > case["deadline"]
    assert extend(api.as_user("zjj_head"), case["case_no"], 1).status_code == 409


def test_handlers_and_other_departments_cannot_extend(api):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    for username in ("scjgj_handler", "scjgj_reviewer", "zjj_approver", "clerk_commerce", "supervisor"):
        assert extend(api.as_user(username), case_no).status_code == 403, username


def test_a_decided_case_cannot_be_extended(api):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    for user in ("scjgj_handler", "scjgj_reviewer", "scjgj_approver"):
        api.as_user(user).decide(case_no)
    assert extend(api.as_user("scjgj_approver"), case_no).status_code == 409


def test_bad_extension_requests_name_the_field(api):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    approver = api.as_user("scjgj_approver")
    for body, field in (({"days": 0, "reason": "x"}, "days"), ({"days": 16, "reason": "x"}, "days"),
                        ({"reason": "x"}, "days"), ({"days": 3}, "reason"), ({"days": 3, "reason": " "}, "reason")):
        response = approver.post(f"/api/v1/cases/{case_no}/extension", json=body)
        assert response.status_code == 422, (body, response.get_json())
        assert field in response.get_json()["errors"]["json"], body
