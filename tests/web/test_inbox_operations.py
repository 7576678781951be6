"""The approver's list opens cases; 转办, 委派 and 退回 live on the case page, where the colleague is picked from a
list and only steps already done are offered (the list once took a typed user name and offered every completed
step, later ones included)."""
import re

from tests.cases.test_joint_approval import JOINT_MATERIALS
from tests.support import FOOD_LICENCE, JOINT_ACCEPTANCE


def test_the_inbox_offers_no_typed_hand_over_and_no_unchecked_return_and_opens_the_case(api, browser_for):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    api.as_user("scjgj_handler").decide(case_no, step="handle")
    api.as_user("scjgj_reviewer").decide(case_no, step="review")
    approver = browser_for("scjgj_approver")
    page = approver.get("/inbox").get_data(as_text=True)
    assert 'name="to_user"' not in page and 'data-testid="return-to-step"' not in page
    link = re.search(rf'href="(/cases/{case_no})"[^>]*data-testid="open-task"', page).group(1)
    case_page = approver.get(link).get_data(as_text=True)
    options = re.search(r'data-testid="return-to">(.*?)</select>', case_page, re.S).group(1)
    assert "承办" in options and "审核" in options and "审批" not in options  # only steps already done
    assert approver.post("/inbox/tasks/x/transfer", {"to_user": "scjgj_head"}).status_code == 404


def test_a_joint_step_in_the_inbox_names_its_department(api, browser_for):
    case_no = api.as_user("clerk_construction").accept_case(JOINT_ACCEPTANCE, materials=JOINT_MATERIALS)["case_no"]
    api.as_user("zjj_handler").decide(case_no, "approve", "预审通过", step="lead_pre_review")
    page = browser_for("xfzd_approver").get("/inbox").get_data(as_text=True)
    row = re.search(rf'data-case-no="{case_no}".*?</tr>', page, re.S).group(0)
    assert "消防救援支队" in row
