"""Pages of the network flows: the window accepts a 通办 case with a 代办员 recorded, and the agent finds the
case in its 全程代办 project view from the navigation."""
import json
import re

from tests.support import VALID_PERSON, demo_answers

XICHENG_FOOD = "330103-XK-001"


def test_a_dongcheng_window_accepts_xichengs_item_for_an_agent_and_the_agent_follows_it(browser_for, api):
    clerk = browser_for("clerk_dongcheng")
    page = clerk.get(f"/window/items/{XICHENG_FOOD}").get_data(as_text=True)
    assert "全城通办" in page and "西城区" in page and 'name="agent_kind"' in page
    response = clerk.post(f"/window/items/{XICHENG_FOOD}", {
        "applicant_kind": "person", "applicant_name": VALID_PERSON["name"], "id_number": VALID_PERSON["id_number"],
        "phone": VALID_PERSON["phone"], "decision": "accept", "materials": ["M01", "M02", "M03", "M04", "M06"],
        "form_data": json.dumps(demo_answers(XICHENG_FOOD, agent=True)),
        "agent_kind": "station", "agent_username": "agent_xingfu"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    case_no = re.search(r"/window/cases/([^/?]+)$", response.headers["Location"]).group(1)

    agent = api.as_user("agent_xingfu")
    assert agent.post("/api/v1/projects/XM-2026-001/cases", json={"case_no": case_no}).status_code == 200

    browser = browser_for("agent_xingfu")
    home = browser.get("/projects").get_data(as_text=True)
    assert "全程代办项目" in home and "XM-2026-001" in home
    view = browser.get("/projects/XM-2026-001").get_data(as_text=True)
    assert case_no in view and "西城区市场监督管理局" in view


def test_a_rejected_agent_is_shown_on_its_field(browser_for):
    clerk = browser_for("clerk_dongcheng")
    clerk.get(f"/window/items/{XICHENG_FOOD}")
    response = clerk.post(f"/window/items/{XICHENG_FOOD}", {
        "applicant_kind": "person", "applicant_name": VALID_PERSON["name"], "id_number": VALID_PERSON["id_number"],
        "phone": VALID_PERSON["phone"], "decision": "accept", "materials": ["M01", "M02", "M03", "M04", "M06"],
        "form_data": json.dumps(demo_answers(XICHENG_FOOD, agent=True)),
        "agent_kind": "station", "agent_username": "clerk_commerce"})
    assert response.status_code == 422 and "不是在岗的代办员" in response.get_data(as_text=True)
