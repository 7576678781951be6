"""网上申报 / 预审: an applicant applies online without logging in; a window clerk of the item's sector
pre-reviews it: pass turns it into an accepted case, supplement tells everything missing at once and the
applicant resubmits with the query code, refuse records the reason. Submissions are rate-limited."""

import sqlalchemy as sa

from tests.support import FOOD_LICENCE, VALID_PERSON, application_query_code, case_query_code, demo_answers

ALL_REQUIRED = ["M01", "M02", "M03", "M04"]


def _apply(client, materials=ALL_REQUIRED, **extra):
    body = {"item_code": FOOD_LICENCE, "applicant": VALID_PERSON, "materials": list(materials),
            "form": demo_answers(FOOD_LICENCE), **extra}
    return client.post("/api/v1/public/applications", json=body)


def _channels(app, *case_nos):
    from app.cases.models import Case
    from app.extensions import db

    with app.app_context():
        by_no = dict(
            db.session.execute(sa.select(Case.case_no, Case.channel).where(Case.case_no.in_(case_nos))).all()
        )
    return [by_no[no] for no in case_nos]


def _pending(clerk):
    response = clerk.get("/api/v1/applications?state=pending")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_an_online_application_passes_pre_review_and_becomes_an_accepted_case(client, api, app):
    response = _apply(client, note="请尽快办理")
    assert response.status_code == 201, response.get_json()
    receipt = response.get_json()
    assert receipt["application_no"].startswith("WS330100")
    # the receipt gives the random 查询码 once; it is not derived from the applicant's ID number
    assert receipt["query_code"] == application_query_code(app, receipt["application_no"])
    assert receipt["query_code"] not in VALID_PERSON["id_number"]

    clerk = api.as_user("clerk_commerce")
    assert receipt["query_code"] not in clerk.get("/api/v1/applications?state=pending").get_data(as_text=True)
    [application] = _pending(clerk)
    assert application["application_no"] == receipt["application_no"]
    assert [m["code"] for m in application["materials"]] == ALL_REQUIRED
    assert _pending(api.as_user("clerk_construction")) == []

    reviewed = clerk.post(f"/api/v1/applications/{application['id']}/review", json={"decision": "pass"})
    assert reviewed.status_code == 200, reviewed.get_json()
    assert reviewed.get_json()["state"] == "passed"
    case = clerk.case(reviewed.get_json()["case_no"])
    assert case["status"] == "in_progress" and [m["code"] for m in case["materials"]] == ALL_REQUIRED
    # the case keeps the code of the receipt: the applicant follows it with the code they already have
    assert case_query_code(app, case["case_no"]) == receipt["query_code"]
    online = [e for e in case["history"] if e["action"] == "case.online_application"]
    assert online[0]["detail"] == {"channel": "online", "application_no": receipt["application_no"]}
    window_case = clerk.accept_case(FOOD_LICENCE)["case_no"]
    assert _channels(app, case["case_no"], window_case) == ["online", "window"]
    assert (
        clerk.post(f"/api/v1/applications/{application['id']}/review", json={"decision": "pass"}).status_code
        == 409
    )


def test_a_supplement_notice_lists_everything_and_the_applicant_resubmits_with_the_query_code(client, api):
    receipt = _apply(client, materials=["M01", "M02"]).get_json()
    clerk = api.as_user("clerk_commerce")
    [application] = _pending(clerk)
    response = clerk.post(
        f"/api/v1/applications/{application['id']}/review",
        json={"decision": "supplement", "missing": ["M05"], "reason": "平面图须标注面积"},
    )
    assert response.status_code == 200, response.get_json()
    reviewed = response.get_json()
    assert reviewed["state"] == "supplement"
    assert [(m["code"], m["standard"]) for m in reviewed["missing"]] == [
        ("M03", "在有效期内"),
        ("M04", "标明功能区和面积"),
        ("M05", ""),
    ]
    assert _pending(clerk) == []

    url = f"/api/v1/public/applications/{receipt['application_no']}/resubmit"
    code = receipt["query_code"]
    wrong = client.post(url, json={"code": "WRONG234", "materials": ["M03", "M04"]})
    unknown = client.post(
        "/api/v1/public/applications/WS0/resubmit", json={"code": code, "materials": ["M03"]}
    )
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.get_json()["message"] == unknown.get_json()["message"]
    id_tail = VALID_PERSON["id_number"][-6:]  # the old rule no longer opens it
    assert client.post(url, json={"code": id_tail, "materials": ["M03"]}).status_code == 404
    again = client.post(url, json={"code": code.lower(), "materials": ["M03", "M04"]})
    assert again.status_code == 200, again.get_json()
    assert again.get_json()["state"] == "pending"
    [pending] = _pending(clerk)
    assert [m["code"] for m in pending["materials"]] == ALL_REQUIRED
    assert client.post(url, json={"code": code, "materials": ["M05"]}).status_code == 409


def test_a_refusal_records_the_reason_and_ids_are_checked_as_at_the_window(client, api):
    bad_id = _apply(client, applicant={**VALID_PERSON, "id_number": "110105194912310021"})
    assert bad_id.status_code == 422 and "id_number" in bad_id.get_json()["errors"]["json"]["applicant"]
    assert _apply(client, materials=["M99"]).status_code == 422

    _apply(client)
    clerk = api.as_user("clerk_commerce")
    [application] = _pending(clerk)
    url = f"/api/v1/applications/{application['id']}/review"
    assert (
        api.as_user("clerk_construction").post(url, json={"decision": "refuse", "reason": "x"}).status_code
        == 403
    )
    assert clerk.post(url, json={"decision": "refuse"}).status_code == 422  # a refusal needs its reason
    refused = clerk.post(url, json={"decision": "refuse", "reason": "不属于本中心受理范围"})
    assert refused.status_code == 200 and refused.get_json()["state"] == "refused"
    assert refused.get_json()["reason"] == "不属于本中心受理范围"


def test_an_address_may_submit_only_so_many_applications_an_hour(client, app):
    limit = app.config["APPLICATIONS_PER_HOUR"]
    statuses = [_apply(client).status_code for _ in range(limit)]
    assert set(statuses) == {201}
    too_many = _apply(client)
    assert too_many.status_code == 429 and too_many.get_json()["message"]
