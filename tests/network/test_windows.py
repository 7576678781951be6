"""Stories of the service network's windows: a 全科窗口 accepts every sector, a sector window only its own,
a district's item is accepted at another district's centre only through a 通办 listing — and then runs in
the implementing district and comes back to the receiving centre for 出件."""
import sqlalchemy as sa

from app.cases.models import Case
from app.extensions import db
from app.network.models import TongbanListing
from app.notifications.services import notify
from tests.support import FOOD_LICENCE

BUILDING_PERMIT = "330100-XK-002"  # construction, 住建局, M01-M04
DONGCHENG_FOOD = "330102-XK-001"  # 东城区's claim of the food licence, on the 全城通办 list
XICHENG_FOOD = "330103-XK-001"


def _set_listing(app, item_code, active):
    with app.app_context():
        listing = db.session.scalars(sa.select(TongbanListing).where(TongbanListing.item_code == item_code)).one()
        listing.active = active
        db.session.commit()


def test_a_general_window_clerk_accepts_items_of_two_sectors(api):
    clerk = api.as_user("clerk_general")
    food = clerk.accept_case(FOOD_LICENCE)
    permit = clerk.accept_case(BUILDING_PERMIT)
    assert food["status"] == permit["status"] == "in_progress"
    assert food["receiving_centre"]["code"] == permit["receiving_centre"]["code"] == "330100"
    # each case goes to its own department and both come back to the 全科窗口 that took them
    api.as_user("scjgj_handler").task_for(food["case_no"])
    api.as_user("zjj_handler").task_for(permit["case_no"])
    assert {c["case_no"] for c in clerk.get("/api/v1/cases").get_json()} == {food["case_no"], permit["case_no"]}


def test_a_sector_window_refuses_an_item_of_another_sector_naming_the_window(api):
    response = api.as_user("clerk_commerce").submit_case(BUILDING_PERMIT)
    assert response.status_code == 403
    assert response.get_json()["message"] == "商事登记综合窗口不受理城市建设事项，请到城市建设综合窗口或全科窗口办理"


def test_the_window_item_search_lists_what_the_centre_offers_to_that_window(api):
    def codes(user, **query):
        response = api.as_user(user).get("/api/v1/window/items", query_string=query)
        assert response.status_code == 200, response.get_json()
        return {item["code"] for item in response.get_json()}

    commerce = codes("clerk_commerce")
    assert {FOOD_LICENCE, "330100-JB-001", DONGCHENG_FOOD, XICHENG_FOOD} <= commerce  # 全城通办 claims too
    assert BUILDING_PERMIT not in commerce
    assert {FOOD_LICENCE, BUILDING_PERMIT, DONGCHENG_FOOD} <= codes("clerk_general")
    # a district centre offers its own implementation, the 全城通办 claims and the 省内通办 item, not the city's
    assert codes("clerk_dongcheng") == {DONGCHENG_FOOD, XICHENG_FOOD, "330100-JB-001"}
    assert codes("clerk_dongcheng", q="食品") == {DONGCHENG_FOOD, XICHENG_FOOD}
    assert codes("clerk_dongcheng_street") == {DONGCHENG_FOOD, XICHENG_FOOD, "330100-JB-001"}


def test_a_district_item_is_accepted_at_the_other_district_only_when_listed_for_tongban(api, app):
    xicheng = api.as_user("clerk_xicheng")
    _set_listing(app, DONGCHENG_FOOD, active=False)
    refused = xicheng.submit_case(DONGCHENG_FOOD)
    assert refused.status_code == 403
    assert refused.get_json()["message"] == \
        f"西城区政务服务中心西城区全科窗口不受理事项 {DONGCHENG_FOOD}：该事项不在本中心的实施清单或通办清单中"
    assert api.as_user("clerk_xicheng").submit_case(FOOD_LICENCE).status_code == 403  # the city's own item

    _set_listing(app, DONGCHENG_FOOD, active=True)
    case = xicheng.accept_case(DONGCHENG_FOOD)
    assert (case["receiving_centre"]["code"], case["receiving_region_code"], case["handling_region_code"],
            case["tongban_scope"]) == ("330103", "330103", "330102", "city")
    assert case["deadline"] == "2026-03-06"  # 东城区's promised limit: 4 working days from Monday 2 March


def test_a_case_accepted_in_one_district_runs_in_the_implementing_district_and_is_issued_where_received(api):
    case_no = api.as_user("clerk_xicheng").accept_case(DONGCHENG_FOOD)["case_no"]
    assert api.as_user("scjgj_handler").tasks(case_no=case_no) == []  # not the city's regulator
    assert api.as_user("xc_scjgj_handler").tasks(case_no=case_no) == []  # nor the receiving district's
    for user in ("dc_scjgj_handler", "dc_scjgj_reviewer", "dc_scjgj_approver"):
        api.as_user(user).decide(case_no)

    # 出件 comes back to the receiving centre's windows only
    assert api.as_user("clerk_dongcheng").tasks(case_no=case_no) == []
    assert api.as_user("clerk_commerce").tasks(case_no=case_no) == []
    elsewhere = api.as_user("clerk_dongcheng").issue(case_no)
    assert elsewhere.status_code == 403
    assert "该办件由西城区政务服务中心受理" in elsewhere.get_json()["message"]
    clerk = api.as_user("clerk_xicheng")
    assert [t["name"] for t in clerk.tasks(case_no=case_no)] == ["出件"]
    issued = clerk.issue(case_no)
    assert issued.status_code == 200, issued.get_json()
    assert issued.get_json()["status"] == "finished"


def test_a_reminder_to_the_window_reaches_the_receiving_centres_windows_only(api, app):
    case_no = api.as_user("clerk_xicheng").accept_case(DONGCHENG_FOOD)["case_no"]
    with app.app_context():
        case = db.session.scalars(sa.select(Case).where(Case.case_no == case_no)).one()
        sent = notify(case, "请及时出件", "due_soon", groups=["window:commerce"])
        assert [n.recipient_group for n in sent] == ["window:330103:commerce"]
        db.session.commit()
    assert [n["message"] for n in api.as_user("clerk_xicheng").get("/api/v1/notifications").get_json()] == \
        ["请及时出件"]
    assert api.as_user("clerk_dongcheng").get("/api/v1/notifications").get_json() == []
    assert api.as_user("clerk_commerce").get("/api/v1/notifications").get_json() == []
