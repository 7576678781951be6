"""Stories of the application form (一表申请): the server checks the answers against the item version's form
whatever the client did, keeps them with the case, and lets situational materials follow them."""
from tests.support import FOOD_LICENCE, VALID_COMPANY, demo_answers

ALL_REQUIRED = ["M01", "M02", "M03", "M04"]


def _errors(response):
    assert response.status_code == 422, response.get_json()
    return response.get_json()["errors"]["json"]["form"]


def test_every_wrong_answer_is_refused_naming_its_field(api):
    clerk = api.as_user("clerk_commerce")
    wrong = demo_answers(
        FOOD_LICENCE, operator_name="", credit_code="91-not-a-code", area=0, business_form="bakery",
        business_items=["hot", "smuggling"], agent="yes", licence_no="ABC", injected="<script>")
    errors = _errors(clerk.submit_case(form=wrong))
    assert errors["operator_name"] == ["请填写「经营者名称」"]
    assert "credit_code" in errors and "area" in errors and "不能小于 1" in errors["area"][0]
    assert "不是可选的选项" in errors["business_form"][0] and "不可选" in errors["business_items"][0]
    assert "agent" in errors and "licence_no" in errors
    assert errors["injected"] == ["申请表中没有该字段"]

    assert "area" in _errors(clerk.submit_case(form=demo_answers(FOOD_LICENCE, area="120")))  # a string
    assert "area" in _errors(clerk.submit_case(form=demo_answers(FOOD_LICENCE, area=True)))
    assert "area" in _errors(clerk.submit_case(form=demo_answers(FOOD_LICENCE, area=100001)))
    assert "situation" in _errors(clerk.submit_case(form=demo_answers(FOOD_LICENCE, situation="transfer")))
    assert _errors(clerk.submit_case(form={k: v for k, v in demo_answers(FOOD_LICENCE).items() if k != "premises"}))
    missing_form = clerk.submit_case(form=None)
    assert missing_form.status_code == 422 and "form" in missing_form.get_json()["errors"]["json"]
    assert clerk.get("/api/v1/cases").get_json() == []  # nothing half-written


def test_types_of_the_other_demo_forms_are_checked_too(api):
    construction = api.as_user("clerk_construction")
    errors = _errors(construction.submit_case(
        item_code="330100-XK-002", materials=["M01", "M02", "M03", "M04"],
        form=demo_answers("330100-XK-002", start_date="2026-02-30", structure=["frame"])))
    assert set(errors) == {"start_date", "structure"}
    social = api.as_user("clerk_social")
    errors = _errors(social.submit_case(item_code="330100-XK-004", materials=["M01", "M02", "M03", "M04", "M05"],
                                        form=demo_answers("330100-XK-004", subjects="internal", beds=-1)))
    assert set(errors) == {"subjects", "beds"}


def test_the_validation_endpoint_answers_as_the_acceptance_does(client):
    url = f"/api/v1/items/{FOOD_LICENCE}/form/validate"
    ok = client.post(url, json={"form": demo_answers(FOOD_LICENCE)})
    assert ok.status_code == 200 and ok.get_json()["required"] == ALL_REQUIRED
    refused = client.post(url, json={"form": demo_answers(FOOD_LICENCE, credit_code="123")})
    assert refused.status_code == 422 and list(refused.get_json()["errors"]["json"]["form"]) == ["credit_code"]


def test_form_data_is_kept_with_the_case_and_the_version_it_was_filled_under(api):
    clerk = api.as_user("clerk_commerce")
    answers = demo_answers(FOOD_LICENCE, operator_name="示范市味道餐饮有限公司", area=88.5)
    case_no = clerk.accept_case(form=answers, applicant=VALID_COMPANY)["case_no"]
    supervised = api.as_user("supervisor").case(case_no)["form"]
    assert supervised["withheld"] is True and supervised["data"] is None  # content is for who handles it
    for reader in ("clerk_commerce", "scjgj_handler", "scjgj_approver"):
        case = api.as_user(reader).case(case_no)
        assert case["form"]["data"]["operator_name"] == "示范市味道餐饮有限公司"
        assert case["form"]["data"]["area"] == 88.5 and case["form"]["data"]["remarks"] is None
        assert case["form"]["schema"]["id"] == "Form_food_licence" and case["item"]["version"] == 1
    received = next(e for e in case["history"] if e["action"] == "case.received")
    assert len(received["detail"]["form_sha256"]) == 64  # the answers' digest is in the hash chain


def test_a_situational_material_becomes_required_and_the_supplement_notice_lists_it(api, app):
    from tests.paperwork.test_notices import _stored

    clerk = api.as_user("clerk_commerce")
    answers = demo_answers(FOOD_LICENCE, agent=True, area=350)
    refused = clerk.submit_case(form=answers)
    assert refused.status_code == 422
    assert "授权委托书及受托人身份证明" in refused.get_json()["errors"]["json"]["materials"][0]
    assert "消防设计平面图" in refused.get_json()["errors"]["json"]["materials"][0]

    case = clerk.submit_case(form=answers, decision="supplement", reason="请补交委托材料").get_json()
    assert case["status"] == "supplementing" and case["missing_materials"] == ["M06", "M07"]
    pdf = clerk.get(f"/api/v1/cases/{case['case_no']}/notices/supplement.pdf")
    assert pdf.status_code == 200
    names = [m["name"] for m in _stored(app, case["case_no"], "supplement")["missing"]]
    assert names == ["授权委托书及受托人身份证明", "消防设计平面图（经营面积300平方米以上）"]
    # 补正 with the materials: accepted; the case's own answers decide, not a later client's
    done = clerk.post(f"/api/v1/cases/{case['case_no']}/supplement", json={"materials": ["M06"]})
    assert done.status_code == 422
    done = clerk.post(f"/api/v1/cases/{case['case_no']}/supplement", json={"materials": ["M06", "M07"]})
    assert done.status_code == 200 and done.get_json()["status"] == "in_progress"


def test_the_chosen_situation_decides_its_own_materials(api, client):
    checklist = client.post(f"/api/v1/items/{FOOD_LICENCE}/checklist",
                            json={"form": {"situation": "change"}}).get_json()
    assert checklist["situation"]["name"] == "变更" and checklist["required"] == ALL_REQUIRED + ["M08", "M09"]
    renew = client.post(f"/api/v1/items/{FOOD_LICENCE}/checklist", json={"form": {"situation": "renew"}}).get_json()
    assert renew["required"] == ALL_REQUIRED + ["M08"]
    half_filled = client.post(f"/api/v1/items/{FOOD_LICENCE}/checklist",
                              json={"form": {"area": "abc", "agent": True}}).get_json()
    assert half_filled["required"] == ALL_REQUIRED + ["M06"] and "area" in half_filled["problems"]

    clerk = api.as_user("clerk_commerce")
    changed = demo_answers(FOOD_LICENCE, situation="change", licence_no="JY13301000000001")
    assert clerk.submit_case(form=changed).status_code == 422
    case = clerk.accept_case(form=changed, materials=ALL_REQUIRED + ["M08", "M09"])
    assert case["status"] == "in_progress"


def test_the_guide_tells_which_situation_asks_for_what(client):
    guide = client.get(f"/api/v1/guide/{FOOD_LICENCE}").get_json()
    assert [s["name"] for s in guide["situations"]] == ["新办", "变更", "延续"]
    assert guide["situations"][0]["materials"] == ["M01", "M02", "M03", "M04", "M05", "M06", "M07"]
    applies = {m["code"]: m["applies_when"] for m in guide["materials"]}
    assert applies["M01"] == "" and applies["M06"] == "委托代理人办理的" and applies["M09"] == "变更"
    page = client.get(f"/services/{FOOD_LICENCE}").get_data(as_text=True)
    assert "办理情形" in page and "委托代理人办理的" in page and f"/apply/{FOOD_LICENCE}" in page


def test_an_online_application_carries_its_form_to_the_case(api, client):
    body = {"item_code": FOOD_LICENCE, "applicant": VALID_COMPANY, "materials": ALL_REQUIRED + ["M06"],
            "form": demo_answers(FOOD_LICENCE, agent=True, operator_name="网上申报餐饮店")}
    wrong = client.post("/api/v1/public/applications", json={**body, "form": {**body["form"], "area": -5}})
    assert wrong.status_code == 422 and "area" in wrong.get_json()["errors"]["json"]["form"]
    receipt = client.post("/api/v1/public/applications", json=body)
    assert receipt.status_code == 201, receipt.get_json()
    clerk = api.as_user("clerk_commerce")
    application = next(a for a in clerk.get("/api/v1/applications?state=pending").get_json()
                       if a["application_no"] == receipt.get_json()["application_no"])
    assert application["form_data"]["operator_name"] == "网上申报餐饮店"
    passed = clerk.post(f"/api/v1/applications/{application['id']}/review", json={"decision": "pass"})
    assert passed.status_code == 200, passed.get_json()
    case = clerk.case(passed.get_json()["case_no"])
    assert case["form"]["data"]["operator_name"] == "网上申报餐饮店" and case["form"]["data"]["agent"] is True
    assert "M06" in {m["code"] for m in case["materials"]}


def test_decimal_digits_and_validation_types_are_enforced(client):
    url = "/api/v1/items/330100-XK-004/form/validate"
    beds = client.post(url, json={"form": demo_answers("330100-XK-004", beds=1.5)})
    assert beds.get_json()["errors"]["json"]["form"]["beds"] == ["「床位数」须为整数"]
    area = client.post(f"/api/v1/items/{FOOD_LICENCE}/form/validate",
                       json={"form": demo_answers(FOOD_LICENCE, area=120.255)})
    assert area.get_json()["errors"]["json"]["form"]["area"] == ["「经营场所面积（平方米）」最多 2 位小数"]
