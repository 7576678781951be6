"""一件事一次办 as the applicant, the window and the departments live it: 开办餐饮店 applied online with one form
and one material list, accepted once, the 营业执照 unlocking 食品经营许可 without a new upload while the fire
inspection runs in parallel, every result issued together, one rating, one progress query."""
import sqlalchemy as sa

from app.extensions import db
from app.files.models import CaseFile
from app.themes.models import ThemeApplication
from tests.support import history_actions

from .support import (
    BUSINESS_LICENCE, FIRE_CHECK, FOOD_LICENCE, SIGNBOARD, THEME, application, approve_all, children,
)


def _apply_online(app):
    response = app.test_client().post("/api/v1/public/themes/applications", json=application())
    assert response.status_code == 201, response.get_json()
    receipt = response.get_json()
    assert receipt["state"] == "pending" and receipt["query_code"]
    return receipt


def _accept_at_window(api, app, receipt):
    clerk = api.as_user("clerk_commerce")
    pending = clerk.get("/api/v1/themes/applications").get_json()
    row = next(r for r in pending if r["application_no"] == receipt["application_no"])
    assert row["theme"] == "开办餐饮店" and row["applicant"] == "示范市某某餐饮管理有限公司"
    accepted = clerk.post(f"/api/v1/themes/applications/{row['id']}/review", json={"decision": "accept"})
    assert accepted.status_code == 200 and accepted.get_json()["state"] == "accepted"
    with app.app_context():
        theme_case = db.session.scalars(sa.select(ThemeApplication).where(
            ThemeApplication.application_no == receipt["application_no"])).one().theme_case
        return theme_case.theme_no


def test_the_demo_theme_is_published_and_listed_with_its_items(client):
    themes = client.get("/api/v1/themes").get_json()
    theme = next(t for t in themes if t["code"] == THEME)
    assert theme["name"] == "开办餐饮店" and theme["coordinator"] == "SCJGJ" and theme["status"] == "published"
    assert [m["item_code"] for m in theme["members"]] == [BUSINESS_LICENCE, FOOD_LICENCE, FIRE_CHECK, SIGNBOARD]
    assert theme["members"][1]["depends_on"] == [BUSINESS_LICENCE]
    assert theme["members"][2]["condition"] == "area >= 300"


def test_open_a_restaurant_from_one_application_to_one_issuance_and_one_rating(api, app):
    receipt = _apply_online(app)
    theme_no = _accept_at_window(api, app, receipt)
    clerk = api.as_user("clerk_commerce")
    theme_case = clerk.get(f"/api/v1/themes/cases/{theme_no}").get_json()
    kids = children(theme_case)
    # one acceptance: the business licence and the fire inspection start in parallel, each with its department;
    # the food licence waits for the 营业执照; no signboard, so no 户外招牌设置
    assert kids[BUSINESS_LICENCE]["state"] == "running" and kids[BUSINESS_LICENCE]["department"] == "示范市市场监督管理局"
    assert kids[FIRE_CHECK]["state"] == "running" and kids[FIRE_CHECK]["department"] == "示范市消防救援支队"
    assert kids[FOOD_LICENCE]["state"] == "waiting" and "case_no" not in kids[FOOD_LICENCE]
    assert kids[SIGNBOARD]["state"] == "skipped"
    assert theme_case["deadline"] == "2026-03-16"  # 10 working days from Monday 2 March 2026
    fire_case = clerk.case(kids[FIRE_CHECK]["case_no"])
    assert fire_case["deadline"] == "2026-03-11"  # the child's own clock: 7 working days

    # 市场监管局 issues the 营业执照: 食品经营许可 starts with it as its material (证照复用), no new upload
    approve_all(api, kids[BUSINESS_LICENCE]["case_no"], "scjgj")
    kids = children(clerk.get(f"/api/v1/themes/cases/{theme_no}").get_json())
    assert kids[FOOD_LICENCE]["state"] == "running"
    food = clerk.case(kids[FOOD_LICENCE]["case_no"])
    assert ("file.reused", None, None) in history_actions(food) and ("theme.member", None, None) in history_actions(food)
    with app.app_context():
        reused = db.session.scalars(sa.select(CaseFile).where(CaseFile.stage == "reuse")).all()
        assert {(f.case.item.code, f.material_code) for f in reused} == {(FOOD_LICENCE, "M02"), (FIRE_CHECK, "M02")}
        assert all(f.source_licence_id is not None for f in reused)

    # a child is never issued alone
    assert clerk.issue(kids[BUSINESS_LICENCE]["case_no"]).status_code == 409
    premature = clerk.post(f"/api/v1/themes/cases/{theme_no}/issue", json={"method": "window"})
    assert premature.status_code == 409

    approve_all(api, kids[FIRE_CHECK]["case_no"], "xfzd")
    approve_all(api, kids[FOOD_LICENCE]["case_no"], "scjgj")
    assert clerk.get(f"/api/v1/themes/cases/{theme_no}").get_json()["status"] == "awaiting_issue"
    issued = clerk.post(f"/api/v1/themes/cases/{theme_no}/issue", json={
        "method": "window", "recipient": "张三", "recipient_id_number": "11010519491231002X", "authorised": True})
    assert issued.status_code == 200, issued.get_json()
    assert issued.get_json()["status"] == "finished"
    for code in (BUSINESS_LICENCE, FIRE_CHECK, FOOD_LICENCE):
        assert clerk.case(kids[code]["case_no"])["status"] == "finished"

    # one progress query and one rating for the whole theme
    public = app.test_client()
    lookup = {"theme_no": theme_no, "code": receipt["query_code"]}
    progress = public.post("/api/v1/public/themes/progress", json=lookup).get_json()
    assert progress["status"] == "finished" and len(progress["children"]) == 4
    assert public.post("/api/v1/public/themes/progress", json={**lookup, "code": "WRONG123"}).status_code == 404
    assert public.post("/api/v1/public/themes/rating", json={**lookup, "grade": 1}).status_code == 200
    again = public.post("/api/v1/public/themes/rating", json={**lookup, "grade": 5})
    assert again.status_code == 409

    stats = api.as_user("supervisor").get("/api/v1/themes/statistics").get_json()["themes"]
    row = next(r for r in stats if r["code"] == THEME)
    assert row["cases"] == 1 and row["issued"] == 1 and row["on_time_rate"] == 100.0
    assert row["items_limit"] == 20 and row["promised_limit"] == 10
    assert row["materials"]["reused"] == 2 and row["materials"]["deduplicated"] >= 1


def test_what_each_item_will_need_is_checked_once_at_the_window(api):
    clerk = api.as_user("clerk_commerce")
    # 委托代理人办理: the 授权委托书 of the food licence and the fire inspection is part of the one list then
    agent = clerk.post("/api/v1/themes/cases", json=application(form={"agent": True}))
    assert agent.status_code == 422 and "授权委托书" in agent.get_json()["message"]
    bad = clerk.post("/api/v1/themes/cases", json=application(form={"area": "很大"}))
    assert bad.status_code == 422 and "area" in bad.get_json()["errors"]["json"]["form"]
    assert api.as_user("clerk_construction").post("/api/v1/themes/cases", json=application()).status_code == 403
    assert clerk.get("/api/v1/themes/cases/YJS000").status_code == 404
