"""站内通知 in the staff pages: the bell shows the unread count on every page, the list shows each notification
with its kind and case, and one or all are marked read (CSRF, only one's own)."""
import re
from datetime import date

from tests.frozen_clock import clock  # noqa: F401  (fixture)
from tests.support import FOOD_LICENCE


def _bell(browser, url="/inbox") -> int:
    page = browser.get(url).get_data(as_text=True)
    return int(re.search(r'data-testid="bell-count">(\d+)<', page).group(1))


def _urged_case(api, message="申请人来电询问进度"):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    assert api.as_user("clerk_commerce").post(f"/api/v1/cases/{case_no}/urge",
                                              json={"message": message}).status_code == 200
    return case_no


def test_the_handler_sees_the_urge_in_the_bell_and_marks_it_read(api, browser_for):
    handler = browser_for("scjgj_handler")
    assert _bell(handler) == 0
    case_no = _urged_case(api)
    assert _bell(handler) == 1 and _bell(handler, f"/cases/{case_no}") == 1

    page = handler.get("/notifications").get_data(as_text=True)
    assert case_no in page and "申请人来电询问进度" in page and 'data-kind="urge"' in page and 'data-read="no"' in page
    notification_id = re.search(r'/notifications/(\d+)/read', page).group(1)
    response = handler.post(f"/notifications/{notification_id}/read", {})
    assert response.status_code == 303
    assert _bell(handler) == 0
    assert 'data-read="yes"' in handler.get("/notifications").get_data(as_text=True)
    assert "暂无通知" in handler.get("/notifications?unread=1").get_data(as_text=True)


def test_opening_a_notification_marks_it_read_and_shows_the_case(api, browser_for):
    handler = browser_for("scjgj_handler")
    case_no = _urged_case(api)
    page = handler.get("/notifications").get_data(as_text=True)
    notification_id = re.search(r'/notifications/(\d+)/read', page).group(1)
    response = handler.post(f"/notifications/{notification_id}/read", {"open": "case"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/cases/{case_no}")
    assert _bell(handler) == 0


def test_mark_all_read_and_a_stranger_cannot_read_ones_notification(api, browser_for):
    handler = browser_for("scjgj_handler")
    first = _urged_case(api, "第一件")
    _urged_case(api, "第二件")
    assert _bell(handler) == 2
    notification_id = re.search(r'/notifications/(\d+)/read', handler.get("/notifications").get_data(as_text=True))[1]

    stranger = browser_for("zjj_handler")
    assert stranger.post(f"/notifications/{notification_id}/read", {}).status_code == 403
    assert first not in stranger.get("/notifications").get_data(as_text=True)

    assert handler.client.post("/notifications/read-all", data={}).status_code == 400  # no CSRF token
    assert _bell(handler) == 2
    response = handler.post("/notifications/read-all", {})
    assert response.status_code == 303
    assert _bell(handler) == 0


def test_a_bad_page_number_is_named(api, browser_for):
    response = browser_for("scjgj_handler").get("/notifications?page=x")
    assert response.status_code == 422 and "page" in response.get_data(as_text=True)


def test_a_supervision_card_rings_the_carded_departments_head(api, browser_for, clock):  # noqa: F811
    clock.set(date(2025, 9, 30))
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    clock.set(date(2025, 10, 15))
    assert api.as_user("supervisor").post("/api/v1/supervision/recompute").get_json()["cards_issued"] == 1
    head = browser_for("scjgj_head")
    page = head.get("/notifications").get_data(as_text=True)
    assert 'data-kind="card"' in page and case_no in page
    assert _bell(head) == 1
