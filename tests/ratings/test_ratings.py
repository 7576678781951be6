"""好差评: the applicant rates a case once per channel; a bad rating opens a follow-up for the department with a
deadline in working days and tells its head; the department rectifies or appeals; the supervisor decides."""
from tests.support import FOOD_LICENCE, case_query_code

RATE = "/api/v1/public/ratings"


def accepted_case(api):
    return api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]


ONLINE = {"efficiency": 1, "guide_accuracy": 2, "convenience": 1, "usability": 2}
ON_SITE = {"service_efficiency": 2, "service_level": 2, "service_attitude": 1}
INDICATORS = {"web": ONLINE, "app": ONLINE, "window": ON_SITE, "sms": None}


def rate(client, case_no, grade, channel="web", code=None, text=None):
    code = code or case_query_code(client.application, case_no)  # the 查询码 of the acceptance notice
    return client.post(RATE, json={"case_no": case_no, "code": code, "channel": channel, "grade": grade,
                                   "text": text, "indicators": INDICATORS[channel]})


def statistics(api):
    response = api.as_user("supervisor").get("/api/v1/ratings/statistics")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_a_very_dissatisfied_rating_opens_a_follow_up_due_in_five_working_days_and_tells_the_head(api, client):
    case_no = accepted_case(api)
    response = rate(client, case_no, 5, text="窗口态度差，多次往返")
    assert response.status_code == 201, response.get_json()

    [rating] = api.as_user("scjgj_head").get("/api/v1/ratings").get_json()
    assert rating["grade_label"] == "非常不满意" and rating["follow_up_state"] == "open"
    assert rating["rectification_deadline"] == "2026-03-09"  # rated Monday 2 March: 5 working days
    notes = api.as_user("scjgj_head").get("/api/v1/notifications").get_json()
    assert any(case_no in n["message"] and "2026-03-09" in n["message"] for n in notes)
    assert api.as_user("zjj_approver").get("/api/v1/ratings").get_json() == []

    done = api.as_user("scjgj_head").post(f"/api/v1/ratings/{rating['id']}/rectification",
                                          json={"note": "已电话回访并致歉，加强窗口培训"})
    assert done.status_code == 200 and done.get_json()["follow_up_state"] == "rectified"
    [department] = statistics(api)["departments"]
    assert (department["count"], department["bad_count"], department["rectified_count"]) == (1, 1, 1)


def test_a_satisfied_rating_needs_no_follow_up_and_each_channel_rates_once(api, client):
    case_no = accepted_case(api)
    assert rate(client, case_no, 1).status_code == 201
    second = rate(client, case_no, 2)
    assert second.status_code == 409
    assert rate(client, case_no, 3, channel="app").status_code == 201  # 基本满意 counts as satisfied
    ratings = api.as_user("supervisor").get("/api/v1/ratings").get_json()
    assert {r["follow_up_state"] for r in ratings} == {None}
    [item] = statistics(api)["items"]
    assert item["code"] == FOOD_LICENCE and item["count"] == 2 and item["satisfied_share"] == 1.0
    earlier = api.as_user("supervisor").get("/api/v1/ratings/statistics", query_string={"to": "2020-12-31"})
    assert earlier.get_json() == {"departments": [], "items": []}


def test_the_window_clerk_records_the_rating_device_once_and_the_web_rating_is_separate(api, client):
    case_no = accepted_case(api)
    url = f"/api/v1/cases/{case_no}/ratings"
    assert api.as_user("clerk_construction").post(url, json={"grade": 1, "indicators": ON_SITE}).status_code == 403
    recorded = api.as_user("clerk_commerce").post(url, json={"grade": 2, "text": "办事快", "indicators": ON_SITE})
    assert recorded.status_code == 201 and recorded.get_json()["channel"] == "window"
    assert rate(client, case_no, 1, channel="app").status_code == 201


def test_the_public_cannot_rate_as_the_window_so_one_case_opens_at_most_one_follow_up_per_channel(api, client):
    case_no = accepted_case(api)
    claimed = rate(client, case_no, 5, channel="window")
    assert claimed.status_code == 422 and "channel" in claimed.get_json()["errors"]["json"]
    assert api.as_user("supervisor").get("/api/v1/ratings").get_json() == []


def test_a_wrong_code_cannot_rate_and_a_case_not_yet_accepted_cannot_be_rated(api, client):
    case_no = accepted_case(api)
    assert rate(client, case_no, 5, code="WRONG234").status_code == 404
    pending = api.as_user("clerk_commerce").submit_case(FOOD_LICENCE, materials=["M01"], decision="supplement")
    assert pending.status_code == 201, pending.get_json()
    assert rate(client, pending.get_json()["case_no"], 3).status_code == 409


def test_an_upheld_appeal_removes_a_malicious_rating_from_the_statistics(api, client):
    case_no = accepted_case(api)
    assert rate(client, case_no, 4, channel="sms").status_code == 201
    [rating] = api.as_user("supervisor").get("/api/v1/ratings").get_json()

    appealed = api.as_user("scjgj_approver").post(f"/api/v1/ratings/{rating['id']}/appeal",
                                                  json={"reason": "评价人并非申请人，系恶意差评"})
    assert appealed.status_code == 200 and appealed.get_json()["follow_up_state"] == "appealed"
    decided = api.as_user("supervisor").post(f"/api/v1/ratings/{rating['id']}/appeal-decision",
                                             json={"decision": "upheld", "note": "经核实属恶意评价"})
    assert decided.status_code == 200 and decided.get_json()["excluded"] is True
    assert statistics(api) == {"departments": [], "items": []}
    history = api.as_user("clerk_commerce").case(case_no)["history"]
    assert [e["action"] for e in history][-3:] == ["rating.received", "rating.appealed", "rating.appeal_decided"]
    assert history[-3]["actor"] == "申请人"
