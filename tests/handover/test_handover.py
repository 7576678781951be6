"""材料交接签收: after acceptance the window hands the paper materials to the handling department, whose
staff sign them off; a handover unsigned for more than a day shows up as overdue for the window."""

from datetime import timedelta

from tests.support import FOOD_LICENCE, JOINT_ACCEPTANCE, history_actions


def _hand_over(clerk, case_no, **body):
    return clerk.post(f"/api/v1/cases/{case_no}/handovers", json={"materials": ["M01", "M02"], **body})


def test_the_window_hands_materials_over_and_the_department_signs_them_off(api):
    clerk, handler = api.as_user("clerk_commerce"), api.as_user("scjgj_handler")
    case_no = clerk.accept_case(FOOD_LICENCE)["case_no"]

    response = _hand_over(clerk, case_no, note="原件两份")
    assert response.status_code == 201, response.get_json()
    handover = response.get_json()
    assert handover["state"] == "pending" and handover["department"]["code"] == "SCJGJ"
    assert [m["name"] for m in handover["materials"]] == ["食品经营许可申请书", "营业执照"]
    assert handover["overdue"] is False
    assert [h["id"] for h in handler.get("/api/v1/handovers?state=pending").get_json()] == [handover["id"]]
    assert api.as_user("zjj_handler").get("/api/v1/handovers").get_json() == []

    assert (
        api.as_user("zjj_handler").post(f"/api/v1/handovers/{handover['id']}/sign", json={}).status_code
        == 403
    )
    signed = handler.post(f"/api/v1/handovers/{handover['id']}/sign", json={"note": "材料齐全，已接收"})
    assert signed.status_code == 200, signed.get_json()
    assert signed.get_json()["state"] == "signed" and signed.get_json()["signed_by"]
    assert handler.post(f"/api/v1/handovers/{handover['id']}/sign", json={}).status_code == 409
    assert clerk.get("/api/v1/handovers?state=pending").get_json() == []
    assert [h["id"] for h in clerk.get("/api/v1/handovers?state=signed").get_json()] == [handover["id"]]

    actions = [a for a, _step, _d in history_actions(clerk.case(case_no))]
    assert actions[-2:] == ["materials.handed_over", "materials.signed"]


def test_only_received_materials_of_an_accepted_case_are_handed_over_once_per_department(api):
    clerk = api.as_user("clerk_commerce")
    supplement = clerk.submit_case(materials=["M01"], decision="supplement", missing=["M02"]).get_json()
    assert _hand_over(clerk, supplement["case_no"]).status_code == 409  # not accepted yet

    case_no = clerk.accept_case(FOOD_LICENCE)["case_no"]
    not_received = clerk.post(f"/api/v1/cases/{case_no}/handovers", json={"materials": ["M05"]})
    assert not_received.status_code == 422 and "materials" in not_received.get_json()["errors"]["json"]
    wrong_department = _hand_over(clerk, case_no, department="ZJJ")
    assert (
        wrong_department.status_code == 422 and "department" in wrong_department.get_json()["errors"]["json"]
    )
    assert _hand_over(api.as_user("clerk_construction"), case_no).status_code == 403
    assert _hand_over(clerk, case_no).status_code == 201
    assert _hand_over(clerk, case_no).status_code == 409


def test_a_joint_case_hands_over_to_each_department_separately(api):
    clerk = api.as_user("clerk_construction")
    item = api.as_user("clerk_construction").get(f"/api/v1/items/{JOINT_ACCEPTANCE}").get_json()
    required = [m["code"] for m in item["materials"] if m["required"]]
    case_no = clerk.accept_case(JOINT_ACCEPTANCE, materials=required)["case_no"]
    lead = clerk.post(f"/api/v1/cases/{case_no}/handovers", json={"materials": required[:1]})
    fire = clerk.post(
        f"/api/v1/cases/{case_no}/handovers", json={"materials": required[:1], "department": "XFZD"}
    )
    assert lead.status_code == 201 and fire.status_code == 201, (lead.get_json(), fire.get_json())
    assert {lead.get_json()["department"]["code"], fire.get_json()["department"]["code"]} == {"ZJJ", "XFZD"}


def test_a_handover_unsigned_after_a_day_is_overdue_for_the_window(api, case_clock):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE)["case_no"]
    handover = _hand_over(clerk, case_no).get_json()
    assert clerk.get("/api/v1/handovers?state=pending&older_than_hours=24").get_json() == []

    case_clock.set(case_clock.now + timedelta(hours=25))
    late = clerk.get("/api/v1/handovers?state=pending&older_than_hours=24").get_json()
    assert [(h["id"], h["overdue"]) for h in late] == [(handover["id"], True)]
