"""撤件: an applicant withdraws a case before its decision with the case number and query code. The case ends
as 已撤件, its tasks leave every inbox, its clock stops (no warning card however late it gets), and the
departments read the applicant's reason in the history. A decided or ended case cannot be withdrawn."""
from datetime import date

from tests.support import FOOD_LICENCE, case_query_code
from tests.timers.support import next_due


def _withdraw(client, app, case_no, reason="已另行选址，不再申请", code=None):
    code = code or case_query_code(app, case_no)
    return client.post(f"/api/v1/public/cases/{case_no}/withdraw", json={"code": code, "reason": reason})


def test_a_withdrawn_case_ends_its_tasks_and_clock_and_says_why(client, api, app, clock):
    clock.set(date(2025, 9, 30))
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    handler = api.as_user("scjgj_handler")
    task = handler.task_for(case_no)
    assert next_due(app, case_no) is not None  # the step timer of the first task

    response = _withdraw(client, app, case_no)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["status"] == "withdrawn" and response.get_json()["status_label"] == "已撤件"

    case = handler.case(case_no)
    assert case["status"] == "withdrawn" and case["open_tasks"] == [] and case["finished_at"]
    assert case["clock_state"] == "stopped"
    [event] = [e for e in case["history"] if e["action"] == "case.withdrawn"]
    assert event["opinion"] == "已另行选址，不再申请" and event["actor"] == "申请人（网上办理）"
    assert handler.tasks(case_no=case_no) == []
    assert handler.complete(task["id"]).status_code == 409
    assert next_due(app, case_no) is None  # the scheduler has nothing left to fire
    [note] = [n for n in handler.get("/api/v1/notifications").get_json() if n["kind"] == "withdrawn"]
    assert case_no in note["message"] and "已另行选址，不再申请" in note["message"]

    clock.set(date(2025, 10, 22), hour=1)  # past even the legal limit
    sweep = api.as_user("supervisor").post("/api/v1/supervision/recompute").get_json()
    assert sweep["cards_issued"] == 0
    assert api.as_user("supervisor").get("/api/v1/supervision/cards").get_json() == []
    assert api.as_user("supervisor").post(f"/api/v1/cases/{case_no}/urge",
                                          json={"message": "催办"}).status_code == 409


def test_a_case_in_supplement_with_an_open_pause_can_be_withdrawn(client, api, app):
    clerk = api.as_user("clerk_commerce")
    supplementing = clerk.accept_case(FOOD_LICENCE, materials=("M01", "M02"), decision="supplement")["case_no"]
    assert _withdraw(client, app, supplementing).get_json()["status"] == "withdrawn"

    paused = clerk.accept_case(FOOD_LICENCE)["case_no"]
    approver = api.as_user("scjgj_approver")  # a pause is the approver's or head's call
    assert approver.post(f"/api/v1/cases/{paused}/pauses",
                        json={"kind": "inspection", "reason": "送检验检测"}).status_code == 201
    assert _withdraw(client, app, paused).status_code == 200
    actions = [e["action"] for e in approver.case(paused)["history"]]
    assert actions[-2:] == ["clock.resumed", "case.withdrawn"]


def test_a_decided_or_ended_case_cannot_be_withdrawn(client, api, app):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE)["case_no"]
    for user in ("scjgj_handler", "scjgj_reviewer", "scjgj_approver"):
        api.as_user(user).decide(case_no)
    refused = _withdraw(client, app, case_no)
    assert refused.status_code == 409 and "已作出决定" in refused.get_json()["message"]

    not_accepted = clerk.accept_case(FOOD_LICENCE, decision="refuse", reason="不属于本机关职权范围")["case_no"]
    refused = _withdraw(client, app, not_accepted)
    assert refused.status_code == 409 and "不予受理" in refused.get_json()["message"]

    withdrawn = clerk.accept_case(FOOD_LICENCE)["case_no"]
    assert _withdraw(client, app, withdrawn).status_code == 200
    again = _withdraw(client, app, withdrawn)
    assert again.status_code == 409 and "已撤件" in again.get_json()["message"]


def test_the_reason_is_required_and_a_wrong_code_counts_against_the_address(client, api, app):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    blank = _withdraw(client, app, case_no, reason="   ")
    assert blank.status_code == 422 and "reason" in blank.get_json()["errors"]["json"]
    missing = client.post(f"/api/v1/public/cases/{case_no}/withdraw", json={"code": "x"})
    assert missing.status_code == 422 and "reason" in missing.get_json()["errors"]["json"]

    app.config["PUBLIC_LOOKUP_FAILURES"], before = 2, app.config["PUBLIC_LOOKUP_FAILURES"]
    try:
        assert _withdraw(client, app, case_no, code="000000").status_code == 404
        assert _withdraw(client, app, case_no, code="000000").status_code == 404
        assert _withdraw(client, app, case_no).status_code == 429  # throttled like every public lookup
    finally:
        app.config["PUBLIC_LOOKUP_FAILURES"] = before
    assert api.as_user("clerk_commerce").case(case_no)["status"] == "in_progress"
