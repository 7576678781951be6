"""Users' stories of the applicant's portal pages in a real browser, on a phone (375 px) and on a desktop: a
citizen applies online, the window's 预审 asks for a change, the citizen changes the form and resubmits and
the window sees it again; a case the window accepted with a 补正 notice gets its listed material online and
goes on; another case is withdrawn by its applicant, leaves the department's inbox, and its case page says
why."""
import re

import pytest

from app.files.storage import LocalStorage
from tests.files.samples import PDF
from tests.support import FOOD_LICENCE, VALID_PERSON, application_query_code, case_query_code

from .conftest import fill_food_licence_form, log_in, screenshot

WIDTHS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1366, "height": 900}}


@pytest.fixture(autouse=True)
def local_storage(app, tmp_path):
    previous = app.extensions.get("file_storage")
    app.extensions["file_storage"] = LocalStorage(tmp_path / "files")
    yield
    app.extensions.pop("file_storage", None)
    if previous is not None:
        app.extensions["file_storage"] = previous


def _fits(page):
    """Nothing wider than the screen: tables scroll inside their cards."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _open_result(page, case_no, code):
    page.goto("/apply/result")
    page.get_by_label("办件编号").fill(case_no)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.wait_for_selector("[data-testid=result]")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_citizen_resubmits_after_pre_review_and_supplements_a_case_online(page, api, app, width):
    page.set_viewport_size(WIDTHS[width])
    page.goto(f"/apply/{FOOD_LICENCE}")
    fill_food_licence_form(page, "示范市某某餐饮管理有限公司", "91350100M000100Y43")
    page.get_by_label("申请人类型").select_option("person")
    page.get_by_label("申请人名称").fill(VALID_PERSON["name"])
    page.get_by_label("证件号码").fill(VALID_PERSON["id_number"])
    page.get_by_label("联系电话").fill(VALID_PERSON["phone"])
    page.locator("#mat-M04").uncheck()  # 食品安全管理制度 not ready yet
    page.get_by_test_id("submit-application").click()
    application_no = page.get_by_test_id("application-no").inner_text().strip()

    clerk = api.as_user("clerk_commerce")
    [pending] = clerk.get("/api/v1/applications?state=pending").get_json()
    assert clerk.post(f"/api/v1/applications/{pending['id']}/review",
                      json={"decision": "supplement", "missing": ["M04"],
                            "reason": "经营场所请写明门牌号"}).status_code == 200

    page.goto(f"/apply/files?application_no={application_no}")
    page.get_by_label("查询码").fill(application_query_code(app, application_no))
    page.get_by_role("button", name="查询").click()
    assert "经营场所请写明门牌号" in page.get_by_test_id("prereview-reason").inner_text()
    page.wait_for_selector("[data-app-form][data-loaded=true]")
    premises = page.get_by_test_id("app-form").get_by_label(re.compile(r"^经营场所\s*\*?$"))
    premises.fill("示范市人民路1号东楼101室")
    premises.press("Tab")
    # form-js passes a typed answer on after its input debounce: wait until the posted answers carry it
    page.wait_for_function("document.querySelector('input[name=form_data]').value.includes('东楼101室')")
    page.locator("#mat-M04").check()
    _fits(page)
    screenshot(page, f"applicant-resubmits-{width}")
    page.get_by_test_id("resubmit-submit").click()
    page.wait_for_selector("[data-testid=applicant-done]")
    assert page.get_by_test_id("application-state").inner_text() == "待预审"
    [again] = clerk.get("/api/v1/applications?state=pending").get_json()
    assert again["application_no"] == application_no
    assert again["form_data"]["premises"] == "示范市人民路1号东楼101室"
    assert [m["code"] for m in again["materials"]] == ["M01", "M02", "M03", "M04"]

    case_no = clerk.accept_case(FOOD_LICENCE, materials=("M01", "M02", "M04"), decision="supplement",
                                reason="请补交身份证明")["case_no"]
    _open_result(page, case_no, case_query_code(app, case_no))
    assert page.get_by_test_id("result-status").inner_text() == "补正中"
    assert page.get_by_test_id("uploader-M01").count() == 0  # only the notice's materials
    page.get_by_test_id("file-input-M03").set_input_files(
        files=[{"name": "身份证明.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.wait_for_selector("[data-testid=uploader-M03][data-state=done]")
    _fits(page)
    screenshot(page, f"applicant-supplements-online-{width}")
    page.get_by_test_id("supplement-submit").click()
    page.wait_for_selector("[data-testid=applicant-done]")
    assert page.get_by_test_id("result-status").inner_text() == "办理中"
    assert clerk.case(case_no)["status"] == "in_progress"
    assert not page.js_errors


@pytest.mark.parametrize("width", WIDTHS)
def test_a_citizen_withdraws_a_case_and_the_department_sees_why(page, api, app, width):
    page.set_viewport_size(WIDTHS[width])
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    _open_result(page, case_no, case_query_code(app, case_no))
    page.get_by_test_id("withdraw-reason").fill("经营计划调整，暂不开业")
    page.get_by_test_id("withdraw-submit").click()  # not confirmed yet: the browser asks for the tick
    assert page.get_by_test_id("result-status").inner_text() == "办理中"
    page.get_by_test_id("withdraw-confirm").check()
    _fits(page)
    page.get_by_test_id("withdraw-submit").click()
    page.wait_for_selector("[data-testid=applicant-done]")
    assert page.get_by_test_id("result-status").inner_text() == "已撤件"
    assert page.get_by_test_id("withdrawn-reason").inner_text() == "经营计划调整，暂不开业"
    screenshot(page, f"applicant-withdrew-{width}")

    log_in(page, "scjgj_handler")
    page.goto("/inbox")
    assert case_no not in page.locator("main").inner_text()
    page.goto(f"/cases/{case_no}")
    assert "经营计划调整，暂不开业" in page.get_by_test_id("case-withdrawn").inner_text()
    assert "申请人撤件" in page.get_by_test_id("history").inner_text()
    assert not page.js_errors
