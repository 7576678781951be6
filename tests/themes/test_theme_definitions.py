"""Theme definitions are catalogue entries reviewed like items: a designer drafts a new version, the 行政审批局
reviews it (never its editor), publishing retires the previous version; every reference is checked and a
wrong one is named in a 422 without writing anything."""
import json
from pathlib import Path

from .support import THEME

SPEC = json.loads((Path(__file__).resolve().parents[2] / "rules" / "themes" / f"{THEME}.theme.json")
                  .read_text(encoding="utf-8"))
VERSIONS = f"/api/v1/catalogue/themes/{THEME}/versions"


def elements(**changes):
    spec = {key: value for key, value in SPEC.items() if key != "code"}
    return {**spec, **changes}


def test_a_new_version_is_reviewed_by_a_second_person_of_the_review_authority_and_replaces_the_old(api):
    designer = api.as_user("designer")
    draft = designer.post(VERSIONS)
    assert draft.status_code == 201 and draft.get_json()["version"] == 2
    assert designer.post(VERSIONS).status_code == 409  # one open draft at a time
    changed = designer.http.put(f"{VERSIONS}/2", headers=designer.headers,
                                json=elements(promised_limit=8, refusal_rule="coordinator"))
    assert changed.status_code == 200, changed.get_json()
    assert designer.post(f"{VERSIONS}/2/submit").get_json()["status"] == "in_review"
    assert designer.post(f"{VERSIONS}/2/approve", json={}).status_code == 403  # an IT role never reviews
    assert api.as_user("zjj_approver").post(f"{VERSIONS}/2/approve", json={}).status_code == 403  # not the authority
    published = api.as_user("xzspj_approver").post(f"{VERSIONS}/2/approve", json={"note": "同意发布"})
    assert published.status_code == 200 and published.get_json()["status"] == "published"
    statuses = {v["version"]: v["status"] for v in designer.get(VERSIONS).get_json()}
    assert statuses == {1: "retired", 2: "published"}
    public = api.app.test_client().get(f"/api/v1/themes/{THEME}").get_json()
    assert public["version"] == 2 and public["promised_limit"] == 8


def test_wrong_references_are_named_and_nothing_is_written(api):
    designer = api.as_user("designer")
    members = [dict(m) for m in SPEC["members"]]

    def create(**changes):
        return designer.post("/api/v1/catalogue/themes", json={"code": "330100-YJS-002", **elements(**changes)})

    unknown = create(members=[{**members[0], "item_code": "330100-XK-099"}, *members[1:]])
    assert unknown.status_code == 422 and "members" in unknown.get_json()["errors"]["json"]
    cycle = create(members=[{**members[0], "depends_on": ["330100-XK-001"]}, *members[1:]])
    assert cycle.status_code == 422 and "循环" in cycle.get_json()["message"]
    field = create(members=[*members[:2], {**members[2], "condition": "floor_area >= 300"}, members[3]])
    assert field.get_json()["errors"]["json"]["members"]["2"]["condition"]
    target = create(materials=[{"code": "C01", "name": "申请书", "targets": [{"item": "330100-XK-001", "material": "M99"}]}])
    assert target.status_code == 422 and "materials" in target.get_json()["errors"]["json"]
    assert designer.get("/api/v1/catalogue/themes/330100-YJS-002/versions").status_code == 404
