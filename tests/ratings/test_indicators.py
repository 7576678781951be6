"""好差评 with the national indicators: an online rating grades 办事效率, 办事指南精确度, 办事便捷度 and 平台操作性,
the window's rating device 服务效率, 服务水平 and 服务态度; each is required, graded 1..5, stored with the version
of the indicator set, and averaged in the statistics."""
from app.extensions import db
from app.ratings.models import Rating
from tests.support import FOOD_LICENCE, case_query_code

RATE = "/api/v1/public/ratings"
ONLINE = {"efficiency": 2, "guide_accuracy": 4, "convenience": 1, "usability": 3}


def accepted_case(api):
    return api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]


def test_an_online_rating_stores_every_indicator_with_the_national_version(app, api, client):
    case_no = accepted_case(api)
    response = client.post(RATE, json={"case_no": case_no, "code": case_query_code(app, case_no), "channel": "web",
                                       "grade": 2, "indicators": ONLINE, "text": "指南清楚"})
    assert response.status_code == 201, response.get_json()
    [rating] = api.as_user("supervisor").get("/api/v1/ratings").get_json()
    assert rating["indicators"] == ONLINE and rating["indicator_version"] == "GB/T 39734-2020"
    with app.app_context():
        assert db.session.get(Rating, rating["id"]).indicators == ONLINE


def test_a_missing_or_out_of_range_indicator_is_named_and_nothing_is_stored(app, api, client):
    case_no = accepted_case(api)
    code = case_query_code(app, case_no)
    missing = client.post(RATE, json={"case_no": case_no, "code": code, "channel": "web", "grade": 1,
                                      "indicators": {"efficiency": 1, "guide_accuracy": 9, "service_level": 1}})
    assert missing.status_code == 422
    errors = missing.get_json()["errors"]["json"]["indicators"]
    assert set(errors) == {"guide_accuracy", "convenience", "usability", "service_level"}
    assert "平台操作性" in errors["usability"][0]
    none = client.post(RATE, json={"case_no": case_no, "code": code, "channel": "app", "grade": 1})
    assert set(none.get_json()["errors"]["json"]["indicators"]) == set(ONLINE)
    assert api.as_user("supervisor").get("/api/v1/ratings").get_json() == []
    # 短信 has no indicator set: the overall grade alone
    assert client.post(RATE, json={"case_no": case_no, "code": code, "channel": "sms", "grade": 3}).status_code == 201


def test_the_window_device_takes_the_on_site_indicators_and_the_statistics_average_them(app, api, client):
    first, second = accepted_case(api), accepted_case(api)
    clerk = api.as_user("clerk_commerce")
    online_only = clerk.post(f"/api/v1/cases/{first}/ratings", json={"grade": 1, "indicators": ONLINE})
    assert online_only.status_code == 422
    assert set(online_only.get_json()["errors"]["json"]["indicators"]) == {
        "service_efficiency", "service_level", "service_attitude", *ONLINE}
    for case_no, attitude in ((first, 1), (second, 4)):
        on_site = {"service_efficiency": 2, "service_level": 2, "service_attitude": attitude}
        assert clerk.post(f"/api/v1/cases/{case_no}/ratings", json={"grade": 2, "indicators": on_site}).status_code == 201
    [department] = api.as_user("supervisor").get("/api/v1/ratings/statistics").get_json()["departments"]
    averages = {i["name"]: (i["count"], i["average"]) for i in department["indicators"]}
    assert averages == {"服务效率": (2, 2.0), "服务水平": (2, 2.0), "服务态度": (2, 2.5)}
