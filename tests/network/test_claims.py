"""Stories of the 实施清单: a district claims the city's item with its own code, department and a promised
limit no longer than the city's; the claim is a draft reviewed by the authority its item type calls for
(rules/item_review.toml) and, once published, accepted at the district's windows."""
import sqlalchemy as sa

from app.accounts.models import User
from app.accounts.services import hash_password
from app.extensions import db
from app.network.models import Region

FIRE_CHECK = "330100-XK-006"  # 公众聚集场所营业前消防安全检查: 许可 (01), promised 7 working days, construction
CLAIMS = f"/api/v1/catalogue/items/{FIRE_CHECK}/claims"
CLAIM = {"code": "330102-XK-006", "region_code": "330102", "department_code": "DC-SCJGJ", "promised_limit": 5}


def _errors(response):
    assert response.status_code == 422, response.get_json()
    return response.get_json()["errors"]["json"]


def test_a_claim_with_a_longer_promised_limit_is_refused_naming_the_field(api):
    response = api.as_user("designer").post(CLAIMS, json={**CLAIM, "promised_limit": 8})
    assert "承诺时限不得超过被认领事项的承诺时限（7）" in _errors(response)["promised_limit"][0]
    assert api.app.test_client().get("/api/v1/items/330102-XK-006").status_code == 404  # nothing written


def test_a_claim_needs_a_department_of_the_claiming_region_and_an_unused_code(api):
    designer = api.as_user("designer")
    assert "department_code" in _errors(designer.post(CLAIMS, json={**CLAIM, "department_code": "XC-SCJGJ"}))
    assert "department_code" in _errors(designer.post(CLAIMS, json={**CLAIM, "department_code": "SCJGJ"}))
    assert "code" in _errors(designer.post(CLAIMS, json={**CLAIM, "code": "330102-XK-001"}))
    assert "region_code" in _errors(designer.post(CLAIMS, json={**CLAIM, "region_code": "330100"}))
    # 东城区 claimed the food licence already
    food = designer.post("/api/v1/catalogue/items/330100-XK-001/claims", json={**CLAIM, "code": "330102-XK-099"})
    assert "已认领" in _errors(food)["region_code"][0]


def test_a_designer_of_another_district_may_not_claim_for_this_one(api, app):
    with app.app_context():
        xicheng = db.session.scalars(sa.select(Region).where(Region.code == "330103")).one()
        db.session.add(User(username="designer_xicheng", display_name="西城区 流程设计", role="designer",
                            password_hash=hash_password("Demo@2025"), region=xicheng))
        db.session.commit()
    response = api.as_user("designer_xicheng").post(CLAIMS, json=CLAIM)
    assert response.status_code == 403
    assert response.get_json()["message"] == "只有东城区的流程设计人员可以为该区域认领事项"


def test_a_claim_is_reviewed_by_the_item_types_authority_and_then_accepted_in_the_district(api):
    designer = api.as_user("designer")
    claimed = designer.post(CLAIMS, json=CLAIM)
    assert claimed.status_code == 201, claimed.get_json()
    draft = claimed.get_json()
    assert (draft["code"], draft["version"], draft["status"], draft["base_code"], draft["region_code"],
            draft["basic_code"], draft["department"]["code"], draft["promised_limit"]["value"]) == \
        ("330102-XK-006", 1, "draft", FIRE_CHECK, "330102", "000114002000", "DC-SCJGJ", 5)
    # copied from the city's item, with its situational 授权委托书 (M04, when an agent applies)
    assert [m["code"] for m in draft["materials"]] == ["M01", "M02", "M03", "M04"]
    version = "/api/v1/catalogue/items/330102-XK-006/versions/1"
    assert designer.post(version + "/submit").status_code == 200

    # 许可 is reviewed by the 行政审批局: neither the justice bureau nor the implementing department may
    wrong = api.as_user("sfj_approver").post(version + "/approve")
    assert wrong.status_code == 403
    assert wrong.get_json()["message"] == "事项 330102-XK-006 应由东城区或上级的行政审批局审批人或负责人审核"
    assert api.as_user("dc_scjgj_approver").post(version + "/approve").status_code == 403
    assert api.as_user("scjgj_head").post(version + "/reject", json={"reason": "不同意"}).status_code == 403
    published = api.as_user("xzspj_approver").post(version + "/approve")
    assert published.status_code == 200, published.get_json()
    assert (published.get_json()["status"], published.get_json()["reviewed_by"]) == ("published", "xzspj_approver")

    case = api.as_user("clerk_dongcheng").accept_case("330102-XK-006", materials=["M01", "M02", "M03"])
    assert (case["handling_region_code"], case["tongban_scope"]) == ("330102", None)
    api.as_user("dc_scjgj_handler").task_for(case["case_no"])
    # not listed for 通办: the other district's centre does not offer it
    assert api.as_user("clerk_xicheng").submit_case("330102-XK-006", materials=["M01", "M02", "M03"]).status_code == 403


def test_item_review_authorities_follow_the_rules_file(api, app, tmp_path):
    """Routing is data: pointing the rules at another file changes who reviews, without a code change."""
    rules = tmp_path / "item_review.toml"
    rules.write_text('[authorities]\n"01" = "justice"\n', encoding="utf-8")
    designer = api.as_user("designer")
    assert designer.post(CLAIMS, json=CLAIM).status_code == 201
    version = "/api/v1/catalogue/items/330102-XK-006/versions/1"
    designer.post(version + "/submit")
    app.config["ITEM_REVIEW_RULES"] = str(rules)
    try:
        assert api.as_user("xzspj_approver").post(version + "/approve").status_code == 403
        assert api.as_user("sfj_approver").post(version + "/approve").status_code == 200
    finally:
        app.config.pop("ITEM_REVIEW_RULES")
