"""差评整改 on pages: a bad rating appears on the rated department's follow-up page; its head writes the
rectification, the supervisor sends it back with a note, the head rectifies again and the supervisor accepts
it. An appeal of a mistaken rating is decided by the supervisor and takes the rating out of the statistics."""
from tests.support import FOOD_LICENCE

ON_SITE = {"service_efficiency": 5, "service_level": 5, "service_attitude": 5}


def bad_rating(api, text="窗口态度差"):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE)["case_no"]
    response = clerk.post(f"/api/v1/cases/{case_no}/ratings", json={"grade": 5, "text": text, "indicators": ON_SITE})
    assert response.status_code == 201, response.get_json()
    return case_no, response.get_json()["id"]


def state(browser, rating_id):
    page = browser.get("/ratings").get_data(as_text=True)
    return page.split(f'data-rating="{rating_id}" data-state="')[1].split('"')[0]


def test_the_department_rectifies_and_the_supervisor_returns_then_accepts(api, browser_for):
    case_no, rating_id = bad_rating(api)
    head = browser_for("scjgj_head")
    page = head.get("/ratings").get_data(as_text=True)
    assert case_no in page and "窗口态度差" in page and 'data-testid="rectify"' in page
    assert browser_for("zjj_head").get("/ratings").get_data(as_text=True).count("data-rating=") == 0
    handler = browser_for("scjgj_handler")
    handler.get("/ratings")
    handler.post(f"/ratings/{rating_id}/rectify", {"text": "已整改"})  # a handler reads only
    assert state(head, rating_id) == "open"

    head.post(f"/ratings/{rating_id}/rectify", {"text": "已约谈窗口人员"})
    assert state(head, rating_id) == "rectified"
    supervisor = browser_for("supervisor")
    assert 'data-testid="review"' in supervisor.get("/ratings").get_data(as_text=True)
    supervisor.post(f"/ratings/{rating_id}/review", {"decision": "returned", "text": ""})  # a return needs a note
    assert state(supervisor, rating_id) == "rectified"
    supervisor.post(f"/ratings/{rating_id}/review", {"decision": "returned", "text": "未回访申请人"})
    assert state(head, rating_id) == "open"
    assert "未回访申请人" in head.get("/ratings").get_data(as_text=True)
    head.post(f"/ratings/{rating_id}/rectify", {"text": "已电话回访，申请人认可"})
    supervisor.post(f"/ratings/{rating_id}/review", {"decision": "accepted", "text": "同意"})
    assert state(head, rating_id) == "accepted"
    history = api.as_user("supervisor").case(case_no)["history"]
    assert [e["decision"] for e in history if e["action"] == "rating.rectification_reviewed"] == [
        "returned", "accepted"]
    stats = api.as_user("supervisor").get("/api/v1/ratings/statistics").get_json()
    assert next(d for d in stats["departments"] if d["code"] == "SCJGJ")["rectified_count"] == 1


def test_an_upheld_appeal_takes_the_rating_out_of_the_statistics(api, browser_for):
    _case_no, rating_id = bad_rating(api, "误评：申请人选错")
    head = browser_for("scjgj_head")
    head.get("/ratings")
    head.post(f"/ratings/{rating_id}/appeal", {"text": ""})
    assert state(head, rating_id) == "open"
    head.post(f"/ratings/{rating_id}/appeal", {"text": "申请人来电说明误评"})
    assert state(head, rating_id) == "appealed"
    supervisor = browser_for("supervisor")
    supervisor.get("/ratings")
    supervisor.post(f"/ratings/{rating_id}/appeal-decision", {"decision": "upheld", "text": "经核实为误评"})
    page = head.get("/ratings?state=appeal_upheld").get_data(as_text=True)
    assert f'data-rating="{rating_id}"' in page and "不计入统计" in page
    stats = api.as_user("supervisor").get("/api/v1/ratings/statistics").get_json()
    assert all(d["code"] != "SCJGJ" for d in stats["departments"])


def test_the_api_review_of_a_rectification_follows_the_same_rules(api):
    _case_no, rating_id = bad_rating(api)
    review = f"/api/v1/ratings/{rating_id}/rectification-review"
    assert api.as_user("supervisor").post(review, json={"decision": "accepted"}).status_code == 409  # nothing yet
    api.as_user("scjgj_head").post(f"/api/v1/ratings/{rating_id}/rectification", json={"note": "已整改"})
    assert api.as_user("scjgj_head").post(review, json={"decision": "accepted"}).status_code == 403
    bad = api.as_user("supervisor").post(review, json={"decision": "returned"})
    assert bad.status_code == 422 and "note" in str(bad.get_json()["errors"])
    done = api.as_user("supervisor").post(review, json={"decision": "accepted", "note": "同意"})
    assert done.get_json()["follow_up_state"] == "accepted"
