"""Personal data: full ID numbers and phones only for the window and the handling departments; lists and
everyone else see masked values."""
import pytest

from tests.support import FOOD_LICENCE, VALID_PERSON


@pytest.fixture()
def case_no(api):
    return api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]


@pytest.mark.parametrize("user", ["clerk_commerce", "scjgj_handler", "scjgj_approver", "admin"])
def test_the_window_and_the_handling_department_see_the_full_identity(api, case_no, user):
    applicant = api.as_user(user).case(case_no)["applicant"]
    assert applicant["id_number"] == VALID_PERSON["id_number"] and applicant["phone"] == VALID_PERSON["phone"]


def test_a_supervisor_sees_the_case_but_a_masked_identity(api, case_no):
    applicant = api.as_user("supervisor").case(case_no)["applicant"]
    assert applicant["id_number"] == "1101**********002X" and applicant["phone"] == "138****5678"


def test_case_lists_mask_the_identity_for_everyone(api, case_no):
    listed = api.as_user("clerk_commerce").get("/api/v1/cases").get_json()
    assert listed[0]["applicant"]["id_number"] == "1101**********002X"
    assert listed[0]["applicant"]["phone"] == "138****5678"
    task = api.as_user("scjgj_handler").task_for(case_no)
    assert task["applicant"] == "张*"
