"""Stories of the designer and the reviewer: the form is part of the item's draft version, checked when saved,
and vague (兜底) materials are refused when the version is submitted for review."""
from tests.catalogue.test_versions import ITEM, elements_of
from tests.support import FOOD_LICENCE, demo_answers


def _draft(designer):
    response = designer.post(f"{ITEM}/versions")
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _put_form(designer, version, schema):
    return designer.http.put(f"{ITEM}/versions/{version}/form", headers=designer.headers, json={"form_schema": schema})


def test_a_new_draft_copies_the_form_and_the_situational_materials(api):
    draft = _draft(api.as_user("designer"))
    assert draft["form_schema"]["id"] == "Form_food_licence" and len(draft["situations"]) == 3
    agent = next(m for m in draft["materials"] if m["code"] == "M06")
    assert (agent["condition"], agent["condition_note"]) == ("agent == True", "委托代理人办理的")


def test_a_required_field_added_to_the_form_is_required_once_published(api):
    designer, reviewer, clerk = (api.as_user(u) for u in ("designer", "xzspj_approver", "clerk_commerce"))
    draft = _draft(designer)
    schema = draft["form_schema"]
    schema["components"].append({"type": "textfield", "key": "safety_manager", "label": "食品安全管理员",
                                 "id": "Field_safety_manager", "validate": {"required": True, "maxLength": 20}})
    saved = _put_form(designer, draft["version"], schema)
    assert saved.status_code == 200, saved.get_json()
    assert clerk.submit_case().status_code == 201  # the published version still rules
    assert designer.post(f"{ITEM}/versions/{draft['version']}/submit").status_code == 200
    assert reviewer.post(f"{ITEM}/versions/{draft['version']}/approve").status_code == 200

    refused = clerk.submit_case()
    assert refused.get_json()["errors"]["json"]["form"]["safety_manager"] == ["请填写「食品安全管理员」"]
    too_long = clerk.submit_case(form=demo_answers(FOOD_LICENCE, safety_manager="李" * 21))
    assert "safety_manager" in too_long.get_json()["errors"]["json"]["form"]
    assert clerk.submit_case(form=demo_answers(FOOD_LICENCE, safety_manager="李四")).status_code == 201


def test_a_form_the_server_could_not_enforce_is_refused_when_saved(api):
    designer = api.as_user("designer")
    version = _draft(designer)["version"]
    upload = {"type": "default", "components": [{"type": "filepicker", "key": "scan", "label": "扫描件"}]}
    assert "不受支持" in _put_form(designer, version, upload).get_json()["errors"]["json"]["form_schema"][0]
    bad_pattern = {"type": "default", "components": [
        {"type": "textfield", "key": "x", "label": "X", "validate": {"pattern": "(["}}]}
    assert _put_form(designer, version, bad_pattern).status_code == 422
    dynamic = {"type": "default", "components": [{"type": "select", "key": "y", "label": "Y", "valuesKey": "opts"}]}
    assert _put_form(designer, version, dynamic).status_code == 422
    # the materials' conditions name agent, area and situation: a form without them is refused
    without = _put_form(designer, version, {"type": "default", "components": [
        {"type": "textfield", "key": "operator_name", "label": "经营者名称"}]})
    assert without.status_code == 422
    errors = without.get_json()["errors"]["json"]
    assert "agent" in errors["materials"]["5"]["condition"][0] and "situations" in errors


def test_a_condition_is_compiled_in_the_sandbox_when_saved(api):
    designer = api.as_user("designer")
    draft = _draft(designer)
    body = elements_of(draft)
    body["materials"] = [{**m, "condition": c["condition"], "condition_note": c["condition_note"],
                          "situations": c["situations"]} for m, c in zip(body["materials"], draft["materials"])]
    body["materials"][5]["condition"] = "__import__('os').system('id')"
    response = designer.http.put(f"{ITEM}/versions/{draft['version']}", headers=designer.headers, json=body)
    assert response.status_code == 422 and "condition" in response.get_json()["errors"]["json"]["materials"]["5"]
    body["materials"][5]["condition"] = "agent == True and area > 50"
    response = designer.http.put(f"{ITEM}/versions/{draft['version']}", headers=designer.headers, json=body)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["materials"][5]["condition"] == "agent == True and area > 50"


def test_vague_materials_are_refused_at_submission_naming_the_material(api):
    designer = api.as_user("designer")
    draft = _draft(designer)
    body = elements_of(draft)
    for code, name in (("M20", "其他材料"), ("M21", "法律法规规定的其他材料")):
        body["materials"].append({"code": code, "name": name, "required": False})
    saved = designer.http.put(f"{ITEM}/versions/{draft['version']}", headers=designer.headers, json=body)
    assert saved.status_code == 200, saved.get_json()  # a draft may hold them while it is being worked on
    # situational elements not given in the PUT stay as they were
    assert next(m for m in saved.get_json()["materials"] if m["code"] == "M06")["condition"] == "agent == True"

    refused = designer.post(f"{ITEM}/versions/{draft['version']}/submit")
    assert refused.status_code == 422
    errors = refused.get_json()["errors"]["json"]["materials"]
    assert set(errors) == {"9", "10"} and "其他材料" in errors["9"]["name"][0] and "兜底" in errors["10"]["name"][0]
    assert designer.get(f"{ITEM}/versions/{draft['version']}").get_json()["status"] == "draft"

    body["materials"] = body["materials"][:-2]
    assert designer.http.put(f"{ITEM}/versions/{draft['version']}", headers=designer.headers,
                             json=body).status_code == 200
    assert designer.post(f"{ITEM}/versions/{draft['version']}/submit").status_code == 200
