"""Stories of catalogue editors and reviewers: a change is a new version, reviewed by someone else (the review
authority of the item type, rules/item_review.toml: 行政审批局 for 许可), and
running cases keep the version they were accepted under."""
import sqlalchemy as sa

from app.cases.models import Case
from app.extensions import db
from tests.support import FOOD_LICENCE

ITEM = f"/api/v1/catalogue/items/{FOOD_LICENCE}"
ELEMENT_FIELDS = ("basic_code", "name", "item_type", "exercise_level", "case_type", "sector", "legal_basis",
                  "service_objects", "acceptance_conditions", "charges_fee", "fee_basis", "handling_forms",
                  "online_depth", "result_name", "process_key", "timeout_action")
MATERIAL_FIELDS = ("code", "name", "issuing_body", "originals", "copies", "required", "form", "standard")


def elements_of(version: dict) -> dict:
    """The PUT body that keeps a version as it is."""
    body = {name: version[name] for name in ELEMENT_FIELDS}
    body["department_code"] = version["department"]["code"]
    body["co_department_codes"] = [d["code"] for d in version["co_departments"]]
    for kind in ("legal_limit", "promised_limit"):
        body[kind], body[f"{kind}_unit"] = version[kind]["value"], version[kind]["unit"]
    body["materials"] = [{f: m[f] for f in MATERIAL_FIELDS} for m in version["materials"]]
    return body


def draft_with_extra_material(designer) -> dict:
    draft = designer.post(f"{ITEM}/versions")
    assert draft.status_code == 201, draft.get_json()
    draft = draft.get_json()
    assert (draft["version"], draft["status"], draft["edited_by"]) == (2, "draft", "designer")
    body = elements_of(draft)
    body["materials"].append({"code": "M20", "name": "从业人员健康证明", "issuing_body": "医疗卫生机构",
                              "originals": 0, "copies": 1, "required": True, "form": "paper",
                              "standard": "在有效期内"})
    body["promised_limit"] = 3
    updated = designer.http.put(f"{ITEM}/versions/2", headers=designer.headers, json=body)
    assert updated.status_code == 200, updated.get_json()
    return updated.get_json()


def test_a_new_version_reviewed_by_someone_else_replaces_the_old_one_but_running_cases_keep_theirs(api, app):
    clerk, designer, reviewer = (api.as_user(u) for u in ("clerk_commerce", "designer", "xzspj_approver"))
    old_case = clerk.accept_case(FOOD_LICENCE)["case_no"]

    draft = draft_with_extra_material(designer)
    # M06–M09 are the situational materials of the demo form (rules/forms), copied into the draft
    assert [m["code"] for m in draft["materials"]] == ["M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08",
                                                       "M09", "M20"]
    assert draft["promised_limit"]["value"] == 3
    # the public catalogue still shows version 1 until the draft is published
    assert api.app.test_client().get(f"/api/v1/items/{FOOD_LICENCE}").get_json()["version"] == 1

    submitted = designer.post(f"{ITEM}/versions/2/submit")
    assert submitted.status_code == 200 and submitted.get_json()["status"] == "in_review"
    own = designer.post(f"{ITEM}/versions/2/approve")
    assert own.status_code == 403  # designers are no reviewers at all

    published = reviewer.post(f"{ITEM}/versions/2/approve")
    assert published.status_code == 200, published.get_json()
    published = published.get_json()
    assert (published["status"], published["reviewed_by"], published["submitted_by"]) == \
        ("published", "xzspj_approver", "designer")
    assert published["published_at"] and published["reviewed_at"] and published["submitted_at"]

    versions = {v["version"]: v for v in reviewer.get(f"{ITEM}/versions").get_json()}
    assert versions[1]["status"] == "retired" and versions[1]["retired_at"]
    assert versions[2]["status"] == "published"

    # a published version is immutable
    body = elements_of(published)
    assert designer.http.put(f"{ITEM}/versions/2", headers=designer.headers, json=body).status_code == 409

    # new cases use version 2: its extra material is required
    without_m20 = clerk.submit_case(FOOD_LICENCE)
    assert without_m20.status_code == 422, without_m20.get_json()
    new_case = clerk.accept_case(FOOD_LICENCE, materials=("M01", "M02", "M03", "M04", "M20"))["case_no"]
    assert clerk.case(new_case)["item"]["version"] == 2
    # the case accepted before keeps version 1, its materials and its limits
    assert clerk.case(old_case)["item"]["version"] == 1
    with app.app_context():
        case = db.session.scalars(sa.select(Case).where(Case.case_no == old_case)).one()
        assert "M20" not in [m.code for m in case.item.materials]
        assert (case.item.version, case.item.promised_limit, case.item.status) == (1, 5, "retired")


def test_neither_the_administrator_nor_the_designer_publishes_an_item_alone(api):
    admin, designer, reviewer = api.as_user("admin"), api.as_user("designer"), api.as_user("xzspj_approver")
    assert admin.post(f"{ITEM}/versions").status_code == 403  # the IT role edits no catalogue
    assert designer.post(f"{ITEM}/versions").status_code == 201
    assert designer.post(f"{ITEM}/versions/2/submit").status_code == 200
    for user in (admin, designer):
        assert user.post(f"{ITEM}/versions/2/approve").status_code == 403
    assert reviewer.post(f"{ITEM}/versions/2/approve").get_json()["status"] == "published"


def test_a_rejected_draft_goes_back_to_the_editor_with_the_reason(api):
    designer, reviewer = api.as_user("designer"), api.as_user("xzspj_approver")
    draft_with_extra_material(designer)
    assert designer.post(f"{ITEM}/versions/2/submit").status_code == 200
    # while in review the draft cannot be edited, and no second draft can be opened
    assert designer.post(f"{ITEM}/versions").status_code == 409
    rejected = reviewer.post(f"{ITEM}/versions/2/reject", json={"reason": "健康证明应注明有效期要求"})
    assert rejected.status_code == 200
    assert (rejected.get_json()["status"], rejected.get_json()["review_note"]) == ("draft", "健康证明应注明有效期要求")
    assert api.app.test_client().get(f"/api/v1/items/{FOOD_LICENCE}").get_json()["version"] == 1
    assert designer.post(f"{ITEM}/versions/2/submit").status_code == 200


def test_codes_outside_the_gbt_39046_tables_are_refused_naming_the_field(api):
    designer = api.as_user("designer")
    draft = draft_with_extra_material(designer)
    body = elements_of(draft)
    body["item_type"] = "99"
    body["materials"][0]["form"] = "fax"
    response = designer.http.put(f"{ITEM}/versions/2", headers=designer.headers, json=body)
    assert response.status_code == 422
    errors = response.get_json()["errors"]["json"]
    assert "item_type" in errors and "form" in errors["materials"]["0"]
    body = elements_of(draft)
    body["department_code"] = "NOPE"
    response = designer.http.put(f"{ITEM}/versions/2", headers=designer.headers, json=body)
    assert response.status_code == 422 and "department_code" in response.get_json()["errors"]["json"]


def test_a_new_item_starts_as_a_draft_invisible_to_the_public_until_published(api):
    designer, reviewer = api.as_user("designer"), api.as_user("xzspj_approver")
    body = elements_of(designer.get(f"{ITEM}/versions/1").get_json())
    created = designer.post("/api/v1/catalogue/items", json={**body, "code": "330100-XK-099", "name": "小餐饮登记"})
    assert created.status_code == 201, created.get_json()
    public = api.app.test_client()
    assert public.get("/api/v1/items/330100-XK-099").status_code == 404
    assert designer.post("/api/v1/catalogue/items", json={**body, "code": "330100-XK-099"}).status_code == 409
    designer.post("/api/v1/catalogue/items/330100-XK-099/versions/1/submit")
    reviewer.post("/api/v1/catalogue/items/330100-XK-099/versions/1/approve")
    assert public.get("/api/v1/items/330100-XK-099").get_json()["name"] == "小餐饮登记"
    # retiring takes two reviewers of the authority: one asks with a reason, another confirms
    new_item = "/api/v1/catalogue/items/330100-XK-099/versions/1"
    assert reviewer.post(f"{new_item}/retire").status_code == 409  # nobody asked yet
    asked = reviewer.post(f"{new_item}/retire-request", json={"reason": "事项已取消"})
    assert asked.get_json()["retire_requested_by"] == "xzspj_approver"
    assert reviewer.post(f"{new_item}/retire").status_code == 403  # not the one who asked
    assert public.get("/api/v1/items/330100-XK-099").status_code == 200
    retired = api.as_user("xzspj_head").post(f"{new_item}/retire")
    assert (retired.get_json()["status"], retired.get_json()["retired_by"]) == ("retired", "xzspj_head")
    assert public.get("/api/v1/items/330100-XK-099").status_code == 404
