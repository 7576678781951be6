"""Stories of the service network: 全城通办 across districts, 收受分离 with a posted handover, a community
代办员 applying for an elderly resident, 全程代办 projects, and supervisors scoped to their district."""
import sqlalchemy as sa

from app.accounts.models import User
from app.cases.models import Case
from app.paperwork.models import CaseNotice
from app.accounts.services import hash_password
from app.extensions import db
from app.network.models import Region, ServiceCentre, TongbanListing, Window
from tests.support import FOOD_LICENCE, VALID_PERSON, demo_answers

FOOD_BASIC = "000116011000"
ELDERLY = {"kind": "person", "name": "周阿婆", "id_number": "11010519491231002X", "phone": "13900001111"}
MATERIALS = ["M01", "M02", "M03", "M04"]
#: with an agent the form answers 委托代理 = 是, so the item's 授权委托书 (M06) is required and received
AGENT_MATERIALS = [*MATERIALS, "M06"]


def _approve(api, prefix, case_no):
    api.as_user(f"{prefix}_handler").decide(case_no, step="handle")
    api.as_user(f"{prefix}_reviewer").decide(case_no, step="review")
    api.as_user(f"{prefix}_approver").decide(case_no, step="approve")


def test_a_case_accepted_in_dongcheng_for_xichengs_item_runs_in_xicheng_and_is_issued_in_dongcheng(api):
    clerk = api.as_user("clerk_dongcheng")
    case = clerk.accept_case(FOOD_BASIC, region="330103", applicant=VALID_PERSON, materials=MATERIALS)
    case_no = case["case_no"]
    assert case["item"]["code"] == "330103-XK-001"
    assert case["receiving"] == {"centre": {"code": "330102", "name": "东城区政务服务中心"}, "region_code": "330102"}
    assert case["handling_region_code"] == "330103" and case["tongban_scope"] == "city"

    # the Xicheng bureau handles it; Dongcheng's bureau never sees a task of it
    assert api.as_user("dc_scjgj_handler").tasks(case_no=case_no) == []
    _approve(api, "xc_scjgj", case_no)

    # the issue task comes back to the receiving centre: Xicheng's window cannot issue it, Dongcheng's does
    assert api.as_user("clerk_xicheng").issue(case_no).status_code == 403
    response = clerk.issue(case_no)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["status"] == "finished"

    # both sides see the case, its clock and its history
    for username in ("clerk_dongcheng", "xc_scjgj_handler", "supervisor_dongcheng", "supervisor_xicheng", "supervisor"):
        seen = api.as_user(username).case(case_no)
        assert seen["clock_state"] == "stopped" and seen["history"][-1]["action"] == "case.finished"


def test_without_a_region_the_basic_item_is_resolved_for_the_centres_own_district(api):
    case = api.as_user("clerk_dongcheng_street").accept_case(FOOD_BASIC, materials=MATERIALS)
    assert case["item"]["code"] == "330102-XK-001" and case["handling_region_code"] == "330102"
    response = api.as_user("clerk_dongcheng").submit_case(FOOD_BASIC, region="330199", materials=MATERIALS)
    assert response.status_code == 422 and "region" in response.get_json()["errors"]["json"]


def test_a_district_supervisor_sees_only_its_district(api):
    east = api.as_user("clerk_dongcheng").accept_case("330102-XK-001", materials=MATERIALS)["case_no"]
    west = api.as_user("clerk_xicheng").accept_case("330103-XK-001", materials=MATERIALS)["case_no"]
    city = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]

    east_supervisor = api.as_user("supervisor_dongcheng")
    listed = {c["case_no"] for c in east_supervisor.get("/api/v1/cases").get_json()}
    assert east in listed and west not in listed and city not in listed
    assert east_supervisor.get(f"/api/v1/cases/{west}").status_code == 403
    assert {c["case_no"] for c in api.as_user("supervisor").get("/api/v1/cases").get_json()} >= {east, west, city}

    period = {"from": "2026-03-01", "to": "2026-03-31"}
    own = east_supervisor.get("/api/v1/supervision/statistics", query_string={**period, "group_by": "region"})
    assert own.status_code == 200, own.get_json()
    assert [(r["key"], r["received"], r["accepted"]) for r in own.get_json()] == [("330102", 1, 1), ("330102001", 0, 0)]
    other = east_supervisor.get("/api/v1/supervision/statistics", query_string={**period, "region": "330103"})
    assert other.status_code == 403
    departments = east_supervisor.get("/api/v1/supervision/statistics", query_string=period).get_json()
    assert [(d["department"], d["accepted"]) for d in departments] == [("DC-SCJGJ", 1)]

    city_rows = api.as_user("supervisor").get("/api/v1/supervision/statistics",
                                              query_string={**period, "group_by": "region"}).get_json()
    assert {r["key"]: r["accepted"] for r in city_rows} == {"330100": 1, "330102": 1, "330103": 1}


def test_the_city_drills_down_to_centres_windows_and_people_with_proxy_counts(api):
    api.as_user("clerk_dongcheng").accept_case(FOOD_BASIC, region="330103", materials=MATERIALS)
    api.as_user("clerk_xicheng").accept_case("330103-XK-001", materials=MATERIALS)
    supervisor = api.as_user("supervisor")
    period = {"from": "2026-03-01", "to": "2026-03-31"}

    regions = {r["key"]: r for r in supervisor.get("/api/v1/supervision/statistics",
                                                   query_string={**period, "group_by": "region"}).get_json()}
    assert (regions["330102"]["received"], regions["330102"]["proxy_received"], regions["330102"]["accepted"]) == (1, 1, 0)
    assert (regions["330103"]["received"], regions["330103"]["proxy_handled"], regions["330103"]["accepted"]) == (1, 1, 2)

    centres = supervisor.get("/api/v1/supervision/statistics", query_string={**period, "group_by": "centre"}).get_json()
    assert [(r["key"], r["received"], r["proxy_received"]) for r in centres] == [("330102", 1, 1), ("330103", 1, 0)]
    windows = supervisor.get("/api/v1/supervision/statistics",
                             query_string={**period, "group_by": "window", "region": "330102"}).get_json()
    assert [(r["key"], r["accepted"]) for r in windows] == [("W-DC-GENERAL", 1)]
    people = supervisor.get("/api/v1/supervision/statistics", query_string={**period, "group_by": "person"}).get_json()
    assert [r["key"] for r in people] == ["clerk_dongcheng", "clerk_xicheng"]


def test_a_community_agent_applies_for_an_elderly_resident_and_hands_her_the_result_at_the_station(api):
    agent = api.as_user("agent_xingfu")
    response = agent.post("/api/v1/agent/applications", json={
        "item_code": FOOD_BASIC, "region": "330102", "applicant": ELDERLY, "materials": AGENT_MATERIALS,
        "form": demo_answers(FOOD_LICENCE, agent=True), "project": "XM-2026-001", "note": "老人行动不便，由社区代办员代为申请"})
    assert response.status_code == 201, response.get_json()
    application_no = response.get_json()["application_no"]

    # the district's 全科窗口 pre-reviews the 代办 application; the case records the agent and the 授权委托书
    clerk = api.as_user("clerk_dongcheng")
    application = next(a for a in clerk.get("/api/v1/applications").get_json() if a["application_no"] == application_no)
    assert application["agent"]["station"] == "幸福社区便民服务站"
    response = clerk.post(f"/api/v1/applications/{application['id']}/review", json={"decision": "pass"})
    assert response.status_code == 200, response.get_json()
    case_no = response.get_json()["case_no"]
    case = clerk.case(case_no)
    assert case["agent"] == {"kind": "station", "kind_label": "村（社区）代办员", "name": "幸福社区代办员 刘阿姨",
                             "station": "幸福社区便民服务站", "authorisation_material": "M06"}
    assert "M06" in [m["code"] for m in case["materials"]]

    # the agent follows the case
    assert case_no in [c["case_no"] for c in agent.get("/api/v1/cases").get_json()]
    assert api.as_user("agent_xingfu").get(f"/api/v1/cases/{case_no}").status_code == 200

    # the acceptance notice names both applicant and agent
    assert clerk.get(f"/api/v1/cases/{case_no}/notices/acceptance.pdf").status_code == 200
    with api.app.app_context():
        content = db.session.scalars(sa.select(CaseNotice.content).join(Case).where(Case.case_no == case_no)).one()
    assert content["applicant"]["name"] == "周阿婆" and content["agent"]["name"] == "幸福社区代办员 刘阿姨"

    _approve(api, "dc_scjgj", case_no)
    response = clerk.issue(case_no, method="agent")
    assert response.status_code == 200, response.get_json()
    issued = response.get_json()
    assert issued["issue_method"] == "agent" and issued["status"] == "finished"

    assert agent.post(f"/api/v1/agent/cases/{case_no}/deliver", json={"recipient_id_suffix": "0000"}).status_code == 422
    response = agent.post(f"/api/v1/agent/cases/{case_no}/deliver", json={"recipient_id_suffix": "002X"})
    assert response.status_code == 200, response.get_json()
    delivered = response.get_json()
    assert delivered["agent_delivered_at"] and delivered["history"][-1]["action"] == "agent.delivered"

    # the project view shows the case with its status and deadline to the agent and to the supervisors
    for username in ("agent_xingfu", "supervisor_dongcheng", "supervisor"):
        view = api.as_user(username).get("/api/v1/projects/XM-2026-001")
        assert view.status_code == 200, view.get_json()
        rows = view.get_json()["cases"]
        assert [(r["case_no"], r["status"], r["department"]["code"]) for r in rows] == [(case_no, "finished", "DC-SCJGJ")]
        assert rows[0]["deadline"]
    assert api.as_user("supervisor_xicheng").get("/api/v1/projects/XM-2026-001").status_code == 403


def test_only_the_agent_of_a_case_can_collect_and_a_case_without_agent_is_not_issued_to_one(api):
    clerk = api.as_user("clerk_dongcheng")
    case_no = clerk.accept_case("330102-XK-001", materials=MATERIALS)["case_no"]
    _approve(api, "dc_scjgj", case_no)
    response = clerk.issue(case_no, method="agent")
    assert response.status_code == 422 and "method" in response.get_json()["errors"]["json"]
    assert case_no not in [c["case_no"] for c in api.as_user("agent_xingfu").get("/api/v1/cases").get_json()]


def test_an_enterprise_agent_is_recorded_at_the_window(api):
    case = api.as_user("clerk_dongcheng").accept_case("330102-XK-001", materials=AGENT_MATERIALS, agent={
        "kind": "enterprise", "name": "李代办", "id_number": "11010519491231002X"})
    assert case["agent"]["kind"] == "enterprise" and case["agent"]["name"] == "李代办"
    response = api.as_user("clerk_dongcheng").submit_case("330102-XK-001", materials=AGENT_MATERIALS,
                                                          agent={"kind": "enterprise", "name": "李代办", "id_number": "123"})
    assert response.status_code == 422


def test_a_posted_handover_between_two_centres_is_signed_by_the_handling_department(api):
    clerk = api.as_user("clerk_dongcheng")
    case_no = clerk.accept_case(FOOD_BASIC, region="330103", materials=MATERIALS)["case_no"]
    response = clerk.post(f"/api/v1/cases/{case_no}/handovers", json={
        "materials": ["M01", "M04"], "tracking_no": "SF1234567890", "carrier": "顺丰速运", "note": "原件寄西城区"})
    assert response.status_code == 201, response.get_json()
    handover = response.get_json()
    assert handover["department"]["code"] == "XC-SCJGJ" and handover["tracking_no"] == "SF1234567890"
    assert handover["from_centre"]["code"] == "330102" and handover["to_centre"]["code"] == "330103"

    assert api.as_user("dc_scjgj_handler").post(f"/api/v1/handovers/{handover['id']}/sign", json={}).status_code == 403
    signed = api.as_user("xc_scjgj_handler").post(f"/api/v1/handovers/{handover['id']}/sign", json={"note": "原件已收到"})
    assert signed.status_code == 200 and signed.get_json()["state"] == "signed"
    history = clerk.case(case_no)["history"]
    assert [e["detail"].get("tracking_no") for e in history if e["action"] == "materials.handed_over"] == ["SF1234567890"]


def _neighbouring_city_window(app):
    """A centre of another city of the province (330200 邻市) with a 全科窗口 and its clerk, and a 省内通办
    listing of Xicheng's food licence."""
    with app.app_context():
        city = Region(code="330200", name="邻市", level="city", scope_prefix="3302")
        centre = ServiceCentre(code="330200", name="邻市政务服务中心", kind="city", region=city)
        window = Window(code="W-LS-GENERAL", name="全科窗口", centre=centre, kind="general", sector=None)
        clerk = User(username="clerk_linshi", display_name="邻市全科窗口 陆遥", role="clerk", window=window,
                     password_hash=hash_password("Demo@2025"))
        db.session.add_all([city, centre, window, clerk,
                            TongbanListing(item_code="330103-XK-001", scope="province", mode="proxy")])
        db.session.commit()


def test_a_province_wide_case_is_received_in_another_city_handled_in_xicheng_and_issued_where_received(api, app):
    _neighbouring_city_window(app)
    clerk = api.as_user("clerk_linshi")
    case = clerk.accept_case(FOOD_BASIC, region="330103", materials=MATERIALS)
    case_no = case["case_no"]
    assert case["tongban_scope"] == "province" and case["receiving"]["region_code"] == "330200"

    # 收受分离: the originals must be posted with a tracking number, and Xicheng's bureau signs them
    response = clerk.post(f"/api/v1/cases/{case_no}/handovers", json={"materials": ["M01"]})
    assert response.status_code == 422 and "tracking_no" in response.get_json()["errors"]["json"]
    response = clerk.post(f"/api/v1/cases/{case_no}/handovers",
                          json={"materials": ["M01", "M04"], "tracking_no": "EMS9876543210", "carrier": "中国邮政"})
    assert response.status_code == 201, response.get_json()
    handover = response.get_json()
    assert (handover["from_centre"]["code"], handover["to_centre"]["code"]) == ("330200", "330103")
    signed = api.as_user("xc_scjgj_handler").post(f"/api/v1/handovers/{handover['id']}/sign", json={})
    assert signed.status_code == 200 and signed.get_json()["state"] == "signed"

    _approve(api, "xc_scjgj", case_no)
    assert api.as_user("clerk_xicheng").issue(case_no).status_code == 403
    response = clerk.issue(case_no, method="post", tracking_no="EMS1111111111")
    assert response.status_code == 200 and response.get_json()["status"] == "finished"

    # each side counts it: 代收 in 邻市, 办理 in 西城区; Dongcheng's supervisor sees nothing of it
    period = {"from": "2026-03-01", "to": "2026-03-31"}
    xicheng = api.as_user("supervisor_xicheng").get("/api/v1/supervision/statistics",
                                                    query_string={**period, "group_by": "region"}).get_json()
    assert [(r["key"], r["accepted"], r["proxy_handled"]) for r in xicheng] == [("330103", 1, 1)]
    assert api.as_user("supervisor_dongcheng").get(f"/api/v1/cases/{case_no}").status_code == 403
    assert case_no in [c["case_no"] for c in api.as_user("xc_scjgj_handler").get("/api/v1/cases").get_json()]


def test_a_district_supervisor_sees_the_ratings_of_its_district_only(api):
    east = api.as_user("clerk_dongcheng").accept_case("330102-XK-001", materials=MATERIALS)["case_no"]
    west = api.as_user("clerk_xicheng").accept_case("330103-XK-001", materials=MATERIALS)["case_no"]
    for clerk, case_no in (("clerk_dongcheng", east), ("clerk_xicheng", west)):
        rating = {"grade": 5, "indicators": {"service_efficiency": 5, "service_level": 4, "service_attitude": 5}}
        assert api.as_user(clerk).post(f"/api/v1/cases/{case_no}/ratings", json=rating).status_code == 201
    supervisor = api.as_user("supervisor_dongcheng")
    assert [r["case_no"] for r in supervisor.get("/api/v1/ratings").get_json()] == [east]
    departments = supervisor.get("/api/v1/ratings/statistics").get_json()["departments"]
    assert [d["code"] for d in departments] == ["DC-SCJGJ"]
    assert {r["case_no"] for r in api.as_user("supervisor").get("/api/v1/ratings").get_json()} == {east, west}
