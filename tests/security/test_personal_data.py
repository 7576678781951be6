"""Personal data: full ID numbers and phones only for the window and the handling departments; lists and
everyone else see masked values."""
import logging

import pytest

from app.security.log_scrub import PersonalDataFilter
from tests.support import FOOD_LICENCE, VALID_PERSON


@pytest.fixture()
def case_no(api):
    return api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]


@pytest.mark.parametrize("user", ["clerk_commerce", "scjgj_handler", "scjgj_approver"])
def test_the_window_and_the_handling_department_see_the_full_identity(api, case_no, user):
    applicant = api.as_user(user).case(case_no)["applicant"]
    assert applicant["id_number"] == VALID_PERSON["id_number"] and applicant["phone"] == VALID_PERSON["phone"]


@pytest.mark.parametrize("user", ["supervisor", "admin"])
def test_supervisors_and_the_it_administrator_see_the_case_but_a_masked_identity(api, case_no, user):
    applicant = api.as_user(user).case(case_no)["applicant"]
    assert applicant["id_number"] == "1101**********002X" and applicant["phone"] == "138****5678"


def test_a_citizen_s_licence_shows_the_holder_s_id_number_only_to_the_window_and_the_department(api, case_no):
    for username, step in (("scjgj_handler", "handle"), ("scjgj_reviewer", "review"), ("scjgj_approver", "approve")):
        api.as_user(username).decide(case_no, step=step)
    for username, expected in (("clerk_commerce", VALID_PERSON["id_number"]),
                               ("scjgj_approver", VALID_PERSON["id_number"]),
                               ("supervisor", "1101**********002X")):
        [licence] = api.as_user(username).get("/api/v1/licences", query_string={"case_no": case_no}).get_json()
        assert licence["holder_code"] == expected, username


def test_case_lists_mask_the_identity_for_everyone(api, case_no):
    listed = api.as_user("clerk_commerce").get("/api/v1/cases").get_json()
    assert listed[0]["applicant"]["id_number"] == "1101**********002X"
    assert listed[0]["applicant"]["phone"] == "138****5678"
    task = api.as_user("scjgj_handler").task_for(case_no)
    assert task["applicant"] == "张*"


def test_a_failed_submission_writes_no_id_number_or_phone_into_the_log(api, app, caplog):
    caplog.handler.addFilter(PersonalDataFilter())  # as installed on the app's log handlers
    logging.getLogger("app.test").warning("applicant %s phone %s", VALID_PERSON["id_number"], VALID_PERSON["phone"])
    refused = api.as_user("clerk_commerce").submit_case(materials=["M01"], decision="accept",
                                                      applicant={**VALID_PERSON, "name": "张" * 300})
    assert refused.status_code == 422
    assert VALID_PERSON["id_number"] not in caplog.text and VALID_PERSON["phone"] not in caplog.text
    assert "1101**********002X" in caplog.text and "138****5678" in caplog.text
    with app.app_context():
        assert app.extensions["sqlalchemy"].engine.hide_parameters
