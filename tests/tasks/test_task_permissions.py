"""Who may act on a task, and what happens when the task has moved on."""
import pytest

from tests.support import FOOD_LICENCE


@pytest.fixture()
def case_no(api):
    return api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]


def test_an_approver_of_another_department_gets_403_and_the_task_stays_open(api, case_no):
    task = api.as_user("scjgj_handler").task_for(case_no)
    intruder = api.as_user("zjj_handler")
    assert intruder.tasks(case_no=case_no) == []
    response = intruder.complete(task["id"])
    assert response.status_code == 403
    assert response.get_json()["message"]
    assert api.as_user("scjgj_handler").task_for(case_no)["id"] == task["id"]


def test_a_reviewer_cannot_do_the_handlers_step_of_the_same_department(api, case_no):
    task = api.as_user("scjgj_handler").task_for(case_no)
    assert api.as_user("scjgj_reviewer").complete(task["id"]).status_code == 403


def test_completing_a_task_that_is_already_done_gets_409(api, case_no):
    handler = api.as_user("scjgj_handler")
    task = handler.decide(case_no)
    response = handler.complete(task["id"])
    assert response.status_code == 409
    assert "已办理" in response.get_json()["message"]


def test_an_unknown_task_is_404(api):
    response = api.as_user("scjgj_handler").complete("00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404


def test_a_decision_the_step_does_not_offer_is_422_naming_the_decision(api, case_no):
    response = api.as_user("scjgj_handler").complete(api.as_user("scjgj_handler").task_for(case_no)["id"], "return")
    assert response.status_code == 422
    assert "decision" in response.get_json()["errors"]["json"]


def test_returning_or_refusing_without_an_opinion_is_422_naming_the_opinion(api, case_no):
    handler = api.as_user("scjgj_handler")
    handler.decide(case_no)
    reviewer = api.as_user("scjgj_reviewer")
    response = reviewer.complete(reviewer.task_for(case_no)["id"], "return", "")
    assert response.status_code == 422
    assert "opinion" in response.get_json()["errors"]["json"]


def test_window_tasks_are_not_completed_through_the_back_office_endpoint(api):
    clerk = api.as_user("clerk_commerce")
    response = clerk.submit_case(materials=["M01"], decision="supplement")
    task = response.get_json()["open_tasks"][0]
    assert task["step"] == "acceptance"
    assert clerk.complete(task["id"]).status_code == 409


def test_without_a_token_the_task_list_is_401(client):
    response = client.get("/api/v1/tasks")
    assert response.status_code == 401
    assert response.get_json()["code"] == 401


def test_a_handler_sees_only_the_own_departments_tasks(api):
    api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
    api.as_user("clerk_social").accept_case("330100-XK-004", materials=["M01", "M02", "M03", "M04", "M05"])
    assert {t["department"] for t in api.as_user("scjgj_handler").tasks()} == {"SCJGJ"}
    assert {t["department"] for t in api.as_user("wjw_handler").tasks()} == {"WJW"}
    assert api.as_user("supervisor").tasks() == []


def test_a_department_cannot_read_a_case_it_has_nothing_to_do_with(api, case_no):
    assert api.as_user("wjw_handler").get(f"/api/v1/cases/{case_no}").status_code == 403
    assert api.as_user("scjgj_reviewer").get(f"/api/v1/cases/{case_no}").status_code == 200
    assert api.as_user("supervisor").get(f"/api/v1/cases/{case_no}").status_code == 200
