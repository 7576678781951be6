"""The form on the pages without a browser: the public online application page submits the form through the
same checks as the API; the designer's item pages are for editors and reviewers only."""
import json
import re

from tests.support import FOOD_LICENCE, VALID_COMPANY, demo_answers


def _apply(browser, answers, materials=("M01", "M02", "M03", "M04")):
    browser.get(f"/apply/{FOOD_LICENCE}")
    return browser.post(f"/apply/{FOOD_LICENCE}", {
        "applicant_kind": "organisation", "applicant_name": VALID_COMPANY["name"],
        "id_number": VALID_COMPANY["id_number"], "phone": VALID_COMPANY["phone"],
        "materials": list(materials), "form_data": json.dumps(answers)})


def test_an_applicant_applies_online_with_the_form_and_the_window_sees_it(browser, browser_for, api):
    page = browser.get(f"/apply/{FOOD_LICENCE}").get_data(as_text=True)
    assert "vendor/form-js/form-viewer.min.js" in page and "js/appform.js" in page and "<script>" not in page
    refused = _apply(browser, demo_answers(FOOD_LICENCE, credit_code="x"))
    assert refused.status_code == 422
    assert "统一社会信用代码" in refused.get_data(as_text=True)  # handed to the form to show on the field
    done = _apply(browser, demo_answers(FOOD_LICENCE, operator_name="页面申报餐饮店"))
    assert done.status_code == 200
    number = re.search(r'data-testid="application-no">([^<]+)<', done.get_data(as_text=True)).group(1)
    pending = api.as_user("clerk_commerce").get("/api/v1/applications?state=pending").get_json()
    assert next(a for a in pending if a["application_no"] == number)["form_data"]["operator_name"] == "页面申报餐饮店"


def test_the_item_pages_are_for_editors_and_reviewers(browser_for):
    assert browser_for("clerk_commerce").get("/designer/items").status_code == 403
    designer = browser_for("designer")
    assert FOOD_LICENCE in designer.get("/designer/items").get_data(as_text=True)
    page = designer.get(f"/designer/items/{FOOD_LICENCE}/versions/1").get_data(as_text=True)
    assert "form-editor.min.js" not in page and "form-viewer.min.js" in page  # published: read only
    response = designer.post(f"/designer/items/{FOOD_LICENCE}/versions")
    assert response.status_code == 302 and response.headers["Location"].endswith("/versions/2")
    page = designer.get("/designer/items/330100-XK-001/versions/2").get_data(as_text=True)
    assert "form-editor.min.js" in page and "form-js-editor.css" in page
    unsupported = designer.post_json(f"/designer/items/{FOOD_LICENCE}/versions/2/form.json", {
        "form_schema": {"type": "default", "components": [{"type": "filepicker", "key": "f", "label": "F"}]}})
    assert unsupported.status_code == 422 and "form_schema" in unsupported.get_json()["errors"]["json"]
    assert browser_for("supervisor").post_json(
        f"/designer/items/{FOOD_LICENCE}/versions/2/form.json", {"form_schema": None}).status_code == 403


def test_the_case_page_shows_the_form_to_the_department_not_to_supervision(api, browser_for):
    case_no = api.as_user("clerk_commerce").accept_case()["case_no"]
    handler_page = browser_for("scjgj_handler").get(f"/cases/{case_no}").get_data(as_text=True)
    assert 'data-testid="case-form"' in handler_page and "91350100M000100Y43" in handler_page
    supervisor_page = browser_for("supervisor").get(f"/cases/{case_no}").get_data(as_text=True)
    assert 'data-testid="case-form"' not in supervisor_page and "91350100M000100Y43" not in supervisor_page
