"""前台综合受理: a clerk of the sector window checks the materials and accepts, asks for a supplement
(一次告知) or refuses; bad input is refused with 422 naming the field."""
import pytest

from tests.support import FOOD_LICENCE, VALID_COMPANY, VALID_PERSON, history_actions


def test_a_clerk_accepts_a_complete_food_licence_case_and_it_goes_to_the_handling_department(api):
    clerk = api.as_user("clerk_commerce")
    case = clerk.accept_case(FOOD_LICENCE)

    assert case["status"] == "in_progress"
    assert case["deadline"] and case["legal_deadline"] and case["deadline"] <= case["legal_deadline"]
    assert [(t["step"], t["department"]) for t in case["open_tasks"]] == [("handle", "SCJGJ")]
    assert history_actions(case)[:2] == [("case.received", None, None), ("case.accepted", "受理审查", "accept")]
    assert [m["code"] for m in case["materials"]] == ["M01", "M02", "M03", "M04"]
    handler_tasks = api.as_user("scjgj_handler").tasks(case_no=case["case_no"])
    assert [t["name"] for t in handler_tasks] == ["承办"]


def test_an_organisation_applicant_is_identified_by_its_unified_social_credit_code(api):
    case = api.as_user("clerk_commerce").accept_case(applicant=VALID_COMPANY)
    assert case["applicant"]["id_number"] == "91350100M000100Y43"


def test_a_supplement_notice_lists_every_missing_material_and_the_case_waits_then_continues(api):
    clerk = api.as_user("clerk_commerce")
    response = clerk.submit_case(materials=["M01", "M02"], decision="supplement", missing=["M05"],
                                 reason="平面图未标注面积")
    assert response.status_code == 201, response.get_json()
    case = response.get_json()
    assert case["status"] == "supplementing"
    assert case["deadline"] is None  # the clock only starts when all materials are complete
    assert case["missing_materials"] == ["M03", "M04", "M05"]  # 一次告知: all at once
    notice = case["history"][-1]
    assert notice["action"] == "case.supplement_requested"
    assert notice["detail"]["missing_names"] == ["法定代表人（负责人）身份证明", "经营场所平面布局图和设备布局图",
                                                 "食品安全管理制度目录"]
    assert api.as_user("scjgj_handler").tasks(case_no=case["case_no"]) == []

    still_missing = clerk.post(f"/api/v1/cases/{case['case_no']}/supplement", json={"materials": ["M03"]})
    assert still_missing.status_code == 422
    assert "materials" in still_missing.get_json()["errors"]["json"]

    response = clerk.post(f"/api/v1/cases/{case['case_no']}/supplement", json={"materials": ["M03", "M04"]})
    assert response.status_code == 200, response.get_json()
    case = response.get_json()
    assert case["status"] == "in_progress" and case["deadline"]
    assert {m["code"]: m["stage"] for m in case["materials"]} == {
        "M01": "initial", "M02": "initial", "M03": "supplement", "M04": "supplement"}
    assert [a for a, _, _ in history_actions(case)][-2:] == ["case.supplemented", "case.accepted"]
    assert len(api.as_user("scjgj_handler").tasks(case_no=case["case_no"])) == 1


def test_a_second_supplement_may_repeat_only_what_the_first_notice_listed(api):
    """一次告知: the applicant was told once what to bring; the window cannot add a requirement later."""
    clerk = api.as_user("clerk_commerce")
    case = clerk.submit_case(materials=["M01", "M02"], decision="supplement", missing=[]).get_json()
    assert case["missing_materials"] == ["M03", "M04"]
    path = f"/api/v1/cases/{case['case_no']}/supplement"

    added = clerk.post(path, json={"materials": ["M03"], "decision": "supplement", "missing": ["M01"]})
    assert added.status_code == 422
    assert "missing" in added.get_json()["errors"]["json"]
    unchanged = clerk.get(f"/api/v1/cases/{case['case_no']}").get_json()
    assert unchanged["status"] == "supplementing" and unchanged["missing_materials"] == ["M03", "M04"]
    assert history_actions(unchanged)[-1][0] == "case.supplement_requested"

    repeated = clerk.post(path, json={"materials": ["M03"], "decision": "supplement", "missing": []})
    assert repeated.status_code == 200, repeated.get_json()
    assert repeated.get_json()["missing_materials"] == ["M04"]


def test_supplementing_a_case_that_is_not_waiting_for_materials_is_a_conflict(api):
    clerk = api.as_user("clerk_commerce")
    case = clerk.accept_case()
    response = clerk.post(f"/api/v1/cases/{case['case_no']}/supplement", json={"materials": ["M05"]})
    assert response.status_code == 409


def test_a_clerk_refuses_a_case_with_a_reason_and_it_ends_there(api):
    clerk = api.as_user("clerk_commerce")
    response = clerk.submit_case(decision="refuse", reason="申请事项不属于本机关职权范围")
    assert response.status_code == 201
    case = response.get_json()
    assert case["status"] == "not_accepted" and case["refusal_reason"] == "申请事项不属于本机关职权范围"
    assert case["open_tasks"] == [] and case["finished_at"]


def test_refusing_without_a_reason_names_the_reason_field(api):
    response = api.as_user("clerk_commerce").submit_case(decision="refuse")
    assert response.status_code == 422
    assert response.get_json()["errors"]["json"] == {"reason": ["不予受理须说明理由"]}


def test_accepting_with_a_required_material_missing_is_refused_naming_the_material(api):
    response = api.as_user("clerk_commerce").submit_case(materials=["M01", "M02", "M03"])
    assert response.status_code == 422
    body = response.get_json()
    assert "经营场所平面布局图和设备布局图" in body["errors"]["json"]["materials"][0]


@pytest.mark.parametrize("id_number, problem", [
    ("110105194912310021", "校验"),  # wrong check character
    ("11010519491231002", "18"),  # too short
    ("11010519491331002X", "日期"),  # month 13
])
def test_a_bad_citizen_id_is_refused_naming_the_field(api, id_number, problem):
    response = api.as_user("clerk_commerce").submit_case(applicant={**VALID_PERSON, "id_number": id_number})
    assert response.status_code == 422
    body = response.get_json()
    assert body["code"] == 422 and body["message"]
    message = body["errors"]["json"]["applicant"]["id_number"][0]
    assert problem in message


def test_a_bad_credit_code_is_refused_naming_the_field(api):
    response = api.as_user("clerk_commerce").submit_case(applicant={**VALID_COMPANY, "id_number": "91350100M000100Y44"})
    assert response.status_code == 422
    assert "id_number" in response.get_json()["errors"]["json"]["applicant"]


@pytest.mark.parametrize("payload, field", [
    ({}, "item_code"),
    ({"item_code": FOOD_LICENCE, "applicant": {"kind": "alien"}, "materials": [], "decision": "accept"}, "applicant"),
    ({"item_code": FOOD_LICENCE, "applicant": VALID_PERSON, "materials": "M01", "decision": "accept"}, "materials"),
    ({"item_code": FOOD_LICENCE, "applicant": VALID_PERSON, "materials": [], "decision": "maybe"}, "decision"),
    ({"item_code": FOOD_LICENCE, "applicant": {**VALID_PERSON, "phone": "12"}, "materials": [], "decision": "accept"},
     "applicant"),
    ({"item_code": FOOD_LICENCE, "applicant": VALID_PERSON, "materials": ["X99"], "decision": "accept"}, "materials"),
])
def test_malformed_case_requests_get_422_naming_the_field(api, payload, field):
    response = api.as_user("clerk_commerce").post("/api/v1/cases", json=payload)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["errors"]["json"]


def test_a_body_that_is_not_json_is_a_client_error_not_a_crash(api):
    clerk = api.as_user("clerk_commerce")
    response = clerk.http.post("/api/v1/cases", headers={**clerk.headers, "Content-Type": "application/json"},
                               data=b"{not json")
    assert response.status_code in (400, 422)
    assert response.get_json()["message"]


def test_an_unknown_item_is_404(api):
    response = api.as_user("clerk_commerce").submit_case(item_code="999999-XX-000")
    assert response.status_code == 404
    assert response.get_json()["code"] == 404


def test_a_clerk_of_another_sector_window_may_not_accept_the_item(api):
    response = api.as_user("clerk_construction").submit_case(FOOD_LICENCE)
    assert response.status_code == 403
    assert response.get_json()["message"] == "城市建设综合窗口不受理商事登记事项，请到商事登记综合窗口或全科窗口办理"


def test_department_staff_cannot_accept_cases_at_the_window(api):
    response = api.as_user("scjgj_handler").submit_case(FOOD_LICENCE)
    assert response.status_code == 403


def test_case_numbers_follow_the_configured_pattern_and_are_unique(api):
    clerk = api.as_user("clerk_commerce")
    numbers = [clerk.accept_case()["case_no"] for _ in range(3)]
    assert len(set(numbers)) == 3
    assert all(n.startswith("330100") and len(n) == 19 for n in numbers)
    assert [int(n[-5:]) for n in numbers] == [1, 2, 3]
