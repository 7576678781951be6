"""Steps of the 我的办事 stories: register, log in, apply online while logged in, pass the pre-review."""
import json
import re

from tests.support import FOOD_LICENCE, VALID_COMPANY, VALID_PERSON, demo_answers

PASSWORD = "Kaixin2026"
#: a second valid citizen ID number (GB 11643 check digit) for "another citizen"
OTHER_PERSON = {"kind": "person", "name": "李四", "id_number": "110105199003071239", "phone": "13900002222"}


def register_person(browser, person=VALID_PERSON, password=PASSWORD, **changes):
    browser.get("/my/register")
    data = {"name": person["name"], "id_number": person["id_number"], "phone": person["phone"],
            "password": password, "password_again": password, **changes}
    return browser.post("/my/register", data)


def register_enterprise(browser, company=VALID_COMPANY, password=PASSWORD, **changes):
    browser.get("/my/register?kind=organisation")
    data = {"name": company["name"], "id_number": company["id_number"], "contact_name": "王经理",
            "phone": company["phone"], "password": password, "password_again": password, **changes}
    return browser.post("/my/register?kind=organisation", data)


def log_in(browser, id_number, password=PASSWORD):
    browser.get("/my/login")
    return browser.post("/my/login", {"id_number": id_number, "password": password})


def log_out(browser):
    browser.get("/my")
    return browser.post("/my/logout")


def apply_online(browser, item_code=FOOD_LICENCE, applicant=VALID_PERSON, materials=("M01", "M02", "M03", "M04")):
    """网上申报 on the page (the form's answers as js/appform.js posts them); returns the application number."""
    browser.get(f"/apply/{item_code}")
    response = browser.post(f"/apply/{item_code}", {
        "applicant_kind": applicant["kind"], "applicant_name": applicant["name"],
        "id_number": applicant["id_number"], "phone": applicant["phone"], "materials": list(materials),
        "form_data": json.dumps(demo_answers(item_code))})
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page[:2000]
    return re.search(r'data-testid="application-no"[^>]*>\s*([^<\s]+)', page).group(1)


def pass_pre_review(api, application_no, clerk="clerk_commerce"):
    """The window passes the pre-review: the application becomes a case. Returns the case number."""
    window = api.as_user(clerk)
    [row] = [a for a in window.get("/api/v1/applications").get_json() if a["application_no"] == application_no]
    reviewed = window.post(f"/api/v1/applications/{row['id']}/review", json={"decision": "pass"})
    assert reviewed.status_code == 200, reviewed.get_json()
    return reviewed.get_json()["case_no"]
