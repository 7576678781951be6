"""When one item of a theme is refused, the theme's rule decides: by default the others go on and what needed
the refused result is no longer handled; with the coordinator rule the lead department (市场监管局) decides."""
import sqlalchemy as sa

from app.accounts.models import User
from app.extensions import db
from app.network.models import Window

from .support import BUSINESS_LICENCE, FIRE_CHECK, FOOD_LICENCE, THEME, application, approve_all, children
from .test_theme_definitions import VERSIONS, elements


def _accept(api):
    response = api.as_user("clerk_commerce").post("/api/v1/themes/cases", json=application())
    assert response.status_code == 201, response.get_json()
    return response.get_json()["theme_no"]


def _refuse(api, case_no):
    api.as_user("scjgj_handler").decide(case_no)
    api.as_user("scjgj_reviewer").decide(case_no, "reject", "住所不符合登记要求")  # a proposal (issue 13)
    api.as_user("scjgj_approver").decide(case_no, "reject", "住所不符合登记要求")  # the approver decides


def _theme(api, theme_no):
    return api.as_user("clerk_commerce").get(f"/api/v1/themes/cases/{theme_no}").get_json()


def test_a_refused_business_licence_stops_what_needs_it_and_the_others_go_on(api):
    theme_no = _accept(api)
    _refuse(api, children(_theme(api, theme_no))[BUSINESS_LICENCE]["case_no"])
    kids = children(_theme(api, theme_no))
    assert kids[FOOD_LICENCE]["state"] == "cancelled" and "不予许可" in kids[FOOD_LICENCE]["note"]
    assert kids[FIRE_CHECK]["state"] == "running"
    approve_all(api, kids[FIRE_CHECK]["case_no"], "xfzd")
    theme = _theme(api, theme_no)
    assert theme["status"] == "awaiting_issue"  # the refusal decision and the inspection are issued together
    issued = api.as_user("clerk_commerce").post(f"/api/v1/themes/cases/{theme_no}/issue",
                                                json={"method": "post", "tracking_no": "EMS1234567890"})
    assert issued.status_code == 200 and issued.get_json()["issue_method"] == "post"


def test_with_the_coordinator_rule_the_lead_department_decides(api):
    designer = api.as_user("designer")
    designer.post(VERSIONS)
    designer.http.put(f"{VERSIONS}/2", headers=designer.headers, json=elements(refusal_rule="coordinator"))
    designer.post(f"{VERSIONS}/2/submit")
    assert api.as_user("xzspj_approver").post(f"{VERSIONS}/2/approve", json={}).status_code == 200
    theme_no = _accept(api)
    _refuse(api, children(_theme(api, theme_no))[BUSINESS_LICENCE]["case_no"])
    theme = _theme(api, theme_no)
    assert theme["status"] == "coordinating" and children(theme)[FOOD_LICENCE]["state"] == "waiting"
    path = f"/api/v1/themes/cases/{theme_no}/coordination"
    assert api.as_user("zjj_approver").post(path, json={"decision": "stop"}).status_code == 403
    decided = api.as_user("scjgj_head").post(path, json={"decision": "stop", "note": "营业执照未获准，停止办理"})
    assert decided.status_code == 200, decided.get_json()
    assert children(decided.get_json())[FOOD_LICENCE]["state"] == "cancelled"
    assert api.as_user("scjgj_head").post(path, json={"decision": "stop"}).status_code == 409
    assert THEME in decided.get_json()["theme_code"]


def test_a_department_decides_even_when_the_unlocked_item_cannot_start_and_a_clerk_restarts_it(api, app):
    theme_no = _accept(api)
    with app.app_context():  # the clerk who accepted the theme moved to the construction window since
        clerk = db.session.scalars(sa.select(User).where(User.username == "clerk_commerce")).one()
        clerk.window = db.session.scalars(sa.select(Window).where(Window.code == "W-CONSTRUCTION")).one()
        db.session.commit()
    approve_all(api, children(_theme(api, theme_no))[BUSINESS_LICENCE]["case_no"], "scjgj")  # decided all the same
    general = api.as_user("clerk_general")
    waiting = children(general.get(f"/api/v1/themes/cases/{theme_no}").get_json())[FOOD_LICENCE]
    assert waiting["state"] == "waiting" and "未能自动启动" in waiting["note"]
    restarted = general.post(f"/api/v1/themes/cases/{theme_no}/restart")
    assert restarted.status_code == 200, restarted.get_json()
    assert children(restarted.get_json())[FOOD_LICENCE]["state"] == "running"
