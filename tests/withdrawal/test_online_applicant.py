"""The online applicant after submitting: withdraws an application waiting for 预审, resubmits one that 预审
sent back with changed form answers and materials, and supplements a case online with exactly the materials
of its one-time 补正 notice — the case then goes on as when the window records the supplement."""
import io

from tests.files.samples import PDF, png
from tests.support import (
    FOOD_LICENCE, VALID_PERSON, application_query_code, case_query_code, demo_answers,
)


def _apply(client, materials=("M01", "M02", "M03")):
    response = client.post("/api/v1/public/applications", json={
        "item_code": FOOD_LICENCE, "applicant": VALID_PERSON, "materials": list(materials),
        "form": demo_answers(FOOD_LICENCE)})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["application_no"]


def _application(clerk, application_no):
    return next(a for a in clerk.get("/api/v1/applications").get_json() if a["application_no"] == application_no)


def _case_upload(client, case_no, code, content, query_code):
    return client.post(f"/api/v1/public/cases/{case_no}/materials/{code}/files",
                       headers={"X-Query-Code": query_code}, data={"file": (io.BytesIO(content), "scan.pdf")},
                       content_type="multipart/form-data")


def test_an_application_waiting_for_pre_review_is_withdrawn_with_a_reason(client, api, app):
    application_no = _apply(client)
    code = application_query_code(app, application_no)
    url = f"/api/v1/public/applications/{application_no}/withdraw"
    assert client.post(url, json={"code": code, "reason": " "}).status_code == 422
    assert client.post(url, json={"code": "000000", "reason": "不办了"}).status_code == 404

    response = client.post(url, json={"code": code, "reason": "材料准备有误，重新申报"})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["state"] == "withdrawn" and response.get_json()["state_label"] == "已撤件"
    clerk = api.as_user("clerk_commerce")
    assert clerk.get("/api/v1/applications?state=pending").get_json() == []
    withdrawn = _application(clerk, application_no)
    assert withdrawn["withdrawal_reason"] == "材料准备有误，重新申报" and withdrawn["withdrawn_at"]
    refused = clerk.post(f"/api/v1/applications/{withdrawn['id']}/review", json={"decision": "pass"})
    assert refused.status_code == 409
    again = client.post(url, json={"code": code, "reason": "再撤一次"})
    assert again.status_code == 409 and "已撤件" in again.get_json()["message"]


def test_pre_review_asks_for_changes_and_the_applicant_resubmits_changed_answers(client, api, app):
    application_no = _apply(client)
    code = application_query_code(app, application_no)
    clerk = api.as_user("clerk_commerce")
    application = _application(clerk, application_no)
    assert clerk.post(f"/api/v1/applications/{application['id']}/review",
                      json={"decision": "supplement", "reason": "经营场所地址不完整"}).status_code == 200
    url = f"/api/v1/public/applications/{application_no}/resubmit"

    bad = client.post(url, json={"code": code, "materials": ["M04"],
                                 "form": demo_answers(FOOD_LICENCE, area="lots")})
    assert bad.status_code == 422 and "area" in bad.get_json()["errors"]["json"]["form"]
    changed = demo_answers(FOOD_LICENCE, premises="示范市人民路1号东楼101室")
    response = client.post(url, json={"code": code, "materials": ["M04"], "form": changed})
    assert response.status_code == 200, response.get_json()
    again = _application(clerk, application_no)
    assert again["state"] == "pending" and again["form_data"]["premises"] == "示范市人民路1号东楼101室"
    assert [m["code"] for m in again["materials"]] == ["M01", "M02", "M03", "M04"]
    passed = clerk.post(f"/api/v1/applications/{application['id']}/review", json={"decision": "pass"})
    assert clerk.case(passed.get_json()["case_no"])["form"]["data"]["premises"] == "示范市人民路1号东楼101室"


def test_online_supplement_takes_only_the_notices_materials_and_accepts_the_case(client, api, app):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE, materials=("M01", "M02"), decision="supplement",
                                missing=["M03"], reason="请补交")["case_no"]
    code = case_query_code(app, case_no)
    assert clerk.case(case_no)["status"] == "supplementing"

    not_listed = _case_upload(client, case_no, "M01", PDF, code)
    assert not_listed.status_code == 422
    assert "M01" in not_listed.get_json()["errors"]["path"]["code"][0]
    assert _case_upload(client, case_no, "M03", PDF, "000000").status_code == 404
    early = client.post(f"/api/v1/public/cases/{case_no}/supplement", json={"code": code})
    assert early.status_code == 422 and "materials" in early.get_json()["errors"]["json"]

    for material_code in ("M03", "M04"):  # the notice lists M03 and the absent required M04 (一次告知)
        stored = _case_upload(client, case_no, material_code, png(), code)
        assert stored.status_code == 201, stored.get_json()
        assert stored.get_json()["stage"] == "supplement"
    response = client.post(f"/api/v1/public/cases/{case_no}/supplement", json={"code": code})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["status"] == "in_progress" and response.get_json()["deadline"]

    case = clerk.case(case_no)
    assert case["status"] == "in_progress" and case["accepted_at"]
    [supplemented] = [e for e in case["history"] if e["action"] == "case.supplemented"]
    assert supplemented["actor"] == "申请人（网上办理）" and supplemented["detail"]["channel"] == "online"
    assert {m["code"] for m in case["materials"]} >= {"M01", "M02", "M03", "M04"}
    assert api.as_user("scjgj_handler").task_for(case_no)
    told = [n for n in clerk.get("/api/v1/notifications").get_json() if n["kind"] == "supplement_returned"]
    assert [n["case_no"] for n in told] == [case_no]  # the window hears that the 补正 came back
    late = _case_upload(client, case_no, "M03", PDF, code)
    assert late.status_code == 409
