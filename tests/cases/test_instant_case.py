"""即办件: decided on the spot at the window, then issued."""
from datetime import datetime
from zoneinfo import ZoneInfo

from tests.support import INSTANT_CHANGE


def test_a_clerk_decides_an_instant_case_on_the_spot_and_issues_it(api):
    clerk = api.as_user("clerk_commerce")
    case = clerk.accept_case(INSTANT_CHANGE, materials=["M01", "M02"])
    assert [t["step"] for t in case["open_tasks"]] == ["window_decide"]
    accepted_on = datetime.fromisoformat(case["accepted_at"]).astimezone(ZoneInfo("Asia/Shanghai")).date()
    assert case["deadline"] == accepted_on.isoformat()  # promised limit 0: due the day it is accepted

    clerk.decide(case["case_no"], "approve", "当场办结", step="window_decide")
    assert clerk.case(case["case_no"])["status"] == "awaiting_issue"
    response = clerk.issue(case["case_no"], recipient="张三")
    assert response.get_json()["status"] == "finished"
    assert response.get_json()["result"] == "approved"


def test_department_staff_do_not_see_instant_cases_decided_at_the_window(api):
    case_no = api.as_user("clerk_commerce").accept_case(INSTANT_CHANGE, materials=["M01", "M02"])["case_no"]
    assert api.as_user("scjgj_handler").tasks(case_no=case_no) == []
