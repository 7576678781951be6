"""The applicant's portal pages after submitting (no login, number + query code): the application page
resubmits changed answers after 预审 and withdraws; the result page takes the online 补正 of exactly the
notice's materials and withdraws a case with a confirmed reason, which the department reads on its case page
while the case is gone from its inbox."""
import io
import json

import pytest

from app.files.storage import LocalStorage
from tests.files.samples import PDF
from tests.support import FOOD_LICENCE, VALID_PERSON, application_query_code, case_query_code, demo_answers


@pytest.fixture(autouse=True)
def local_storage(app, tmp_path):
    previous = app.extensions.get("file_storage")
    app.extensions["file_storage"] = LocalStorage(tmp_path / "files")
    yield
    app.extensions.pop("file_storage", None)
    if previous is not None:
        app.extensions["file_storage"] = previous


def _application(client, materials=("M01", "M02", "M03")):
    body = {"item_code": FOOD_LICENCE, "applicant": VALID_PERSON, "materials": list(materials),
            "form": demo_answers(FOOD_LICENCE)}
    return client.post("/api/v1/public/applications", json=body).get_json()["application_no"]


def _open_result(browser, case_no, code):
    browser.get("/apply/result")
    return browser.post("/apply/result", {"case_no": case_no, "code": code})


def test_the_pages_are_portal_pages_at_the_same_addresses(browser):
    for url in (f"/apply/{FOOD_LICENCE}", "/apply/files", "/apply/result"):
        page = browser.get(url)
        assert page.status_code == 200, url
        html = page.get_data(as_text=True)
        assert 'class="portal ' in html and 'data-testid="nav-my"' in html, url


def test_after_pre_review_asks_for_changes_the_applicant_resubmits_on_the_page(client, api, app, browser):
    application_no = _application(client)
    code = application_query_code(app, application_no)
    clerk = api.as_user("clerk_commerce")
    [pending] = clerk.get("/api/v1/applications?state=pending").get_json()
    clerk.post(f"/api/v1/applications/{pending['id']}/review",
               json={"decision": "supplement", "reason": "经营场所地址不完整"})

    browser.get("/apply/files")
    page = browser.post("/apply/files", {"application_no": application_no, "code": code}).get_data(as_text=True)
    assert 'data-testid="resubmit-form"' in page and "经营场所地址不完整" in page
    assert 'data-testid="withdraw-form"' in page

    bad = browser.post("/apply/files", {"application_no": application_no, "code": code, "action": "resubmit",
                                        "form_data": json.dumps(demo_answers(FOOD_LICENCE, area="lots")),
                                        "materials": ["M04"]})
    assert bad.status_code == 422 and "申请表填写有误" in bad.get_data(as_text=True)
    done = browser.post("/apply/files", {
        "application_no": application_no, "code": code, "action": "resubmit", "materials": ["M04"],
        "form_data": json.dumps(demo_answers(FOOD_LICENCE, premises="示范市人民路1号东楼101室"))})
    assert done.status_code == 200 and 'data-testid="applicant-done"' in done.get_data(as_text=True)
    [again] = clerk.get("/api/v1/applications?state=pending").get_json()
    assert again["form_data"]["premises"] == "示范市人民路1号东楼101室"
    assert [m["code"] for m in again["materials"]] == ["M01", "M02", "M03", "M04"]


def test_an_application_is_withdrawn_only_with_a_reason_and_the_confirmation(client, app, browser):
    application_no = _application(client)
    code = application_query_code(app, application_no)
    browser.get("/apply/files")
    unconfirmed = browser.post("/apply/files", {"application_no": application_no, "code": code,
                                                "action": "withdraw", "reason": "不办了"})
    assert unconfirmed.status_code == 422 and 'data-field="confirm"' in unconfirmed.get_data(as_text=True)
    done = browser.post("/apply/files", {"application_no": application_no, "code": code, "action": "withdraw",
                                         "reason": "不办了", "confirm": "yes"})
    page = done.get_data(as_text=True)
    assert done.status_code == 200 and 'data-testid="withdrawn"' in page and "不办了" in page
    assert 'data-testid="withdraw-form"' not in page and 'data-state="withdrawn"' in page


def test_the_result_page_takes_exactly_the_notices_materials_online(api, app, browser):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE, materials=("M01", "M02", "M04"), decision="supplement",
                                reason="请补交身份证明")["case_no"]
    code = case_query_code(app, case_no)
    page = _open_result(browser, case_no, code).get_data(as_text=True)
    assert 'data-testid="online-supplement"' in page and 'data-testid="uploader-M03"' in page
    assert 'data-testid="uploader-M01"' not in page  # only what the one-time notice listed
    assert f"/api/v1/public/cases/{case_no}/materials/M03/files" in page

    early = browser.post("/apply/result", {"case_no": case_no, "code": code, "action": "supplement"})
    assert early.status_code == 422 and "尚未上传" in early.get_data(as_text=True)
    stored = browser.client.post(f"/api/v1/public/cases/{case_no}/materials/M03/files",
                                 headers={"X-Query-Code": code}, data={"file": (io.BytesIO(PDF), "id.pdf")},
                                 content_type="multipart/form-data")
    assert stored.status_code == 201, stored.get_json()
    done = browser.post("/apply/result", {"case_no": case_no, "code": code, "action": "supplement"})
    page = done.get_data(as_text=True)
    assert done.status_code == 200 and 'data-status="in_progress"' in page
    assert 'data-testid="online-supplement"' not in page
    assert clerk.case(case_no)["status"] == "in_progress"


def test_a_case_withdrawn_on_the_result_page_leaves_the_inbox_and_its_page_says_why(api, app, browser,
                                                                                     browser_for):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    code = case_query_code(app, case_no)
    handler = browser_for("scjgj_handler")
    assert case_no in handler.get("/inbox").get_data(as_text=True)

    page = _open_result(browser, case_no, code).get_data(as_text=True)
    assert 'data-testid="withdraw-form"' in page
    blank = browser.post("/apply/result", {"case_no": case_no, "code": code, "action": "withdraw",
                                           "confirm": "yes"})
    assert blank.status_code == 422 and 'data-field="reason"' in blank.get_data(as_text=True)
    done = browser.post("/apply/result", {"case_no": case_no, "code": code, "action": "withdraw",
                                          "reason": "经营计划调整，暂不开业", "confirm": "yes"})
    page = done.get_data(as_text=True)
    assert done.status_code == 200 and 'data-status="withdrawn"' in page and "已撤件" in page
    assert "经营计划调整，暂不开业" in page and 'data-testid="withdraw-form"' not in page

    assert case_no not in handler.get("/inbox").get_data(as_text=True)
    case_page = handler.get(f"/cases/{case_no}").get_data(as_text=True)
    assert 'data-testid="case-withdrawn"' in case_page and "经营计划调整，暂不开业" in case_page
    assert "申请人撤件" in case_page  # the history names the event


def test_the_result_page_speaks_english_on_request(api, app, client, browser):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    code = case_query_code(app, case_no)
    client.post(f"/api/v1/public/cases/{case_no}/withdraw", json={"code": code, "reason": "不再申请"})
    browser.get("/lang/en?next=/apply/result")
    page = _open_result(browser, case_no, code).get_data(as_text=True)
    assert "Withdrawn" in page and "Reason for withdrawal" in page and "Withdrawn by the applicant" in page
