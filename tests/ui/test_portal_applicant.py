"""The applicant's result page in a real browser, on a phone (375 px) and on a desktop: a case the window
accepted with a 补正 notice gets its listed material online and goes on; then its applicant withdraws it, it leaves
the department's inbox, and its case page says why. (Applying online, the 预审's request for a change and the
resubmission are in the citizen's journey, tests/ui/test_portal_journey.py.)"""
import pytest

from app.files.storage import LocalStorage
from tests.files.samples import PDF
from tests.support import FOOD_LICENCE, case_query_code

from .conftest import log_in, screenshot

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
def test_a_citizen_supplements_a_case_online_then_withdraws_it_and_the_department_sees_why(page, api, app, width):
    page.set_viewport_size(WIDTHS[width])
    clerk = api.as_user("clerk_commerce")
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
