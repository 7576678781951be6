"""The citizen's whole journey on the public portal in a real browser, on a phone (375 px) and on a desktop: she
finds 食品经营许可 by search, reads its guide (the process diagram drawn, the materials with their samples),
registers (a mistyped ID number is told first), logs out and in again with the keyboard, applies online with the item's form while one material is not
ready, and follows the application in 我的办件. The window's clerk, in a browser of their own, pre-reviews it and
asks once for the missing material and a change of the form; the citizen uploads the 补正 material, corrects the
form and resubmits; the clerk passes and accepts it. She sees the case 办理中 on 办件查询 with the code of her
receipt; the department approves and the window issues (staff steps, through the API); she sees the approval,
downloads the signed e-licence from 我的办件, verifies it at the address printed on it (and on 办件公示 finds her
case with her name masked), and rates the case with the national online indicators. Nothing on the way is wider
than the screen and no page raises a script error."""
import io
import re

import pypdf
import pytest

from app.files.storage import LocalStorage
from tests.conftest import PUBLIC_BASE_URL
from tests.files.samples import PDF
from tests.support import FOOD_LICENCE, VALID_COMPANY, VALID_PERSON

from .conftest import ARTIFACTS, fill_food_licence_form, log_in, screenshot

WIDTHS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1366, "height": 900}}
PASSWORD = "Kaixin2026"


@pytest.fixture(autouse=True)
def local_storage(app, tmp_path):
    previous = app.extensions.get("file_storage")
    app.extensions["file_storage"] = LocalStorage(tmp_path / "files")
    yield
    app.extensions.pop("file_storage", None)
    if previous is not None:
        app.extensions["file_storage"] = previous


@pytest.fixture()
def clerk(chromium, live_server):
    """The window clerk's own browser (another context: their own cookies), logged in."""
    context = chromium.new_context(base_url=live_server, locale="zh-CN", viewport=WIDTHS["desktop"])
    context.set_default_timeout(15000)
    staff = context.new_page()
    log_in(staff, "clerk_commerce")
    yield staff
    ARTIFACTS.mkdir(exist_ok=True)
    staff.screenshot(path=str(ARTIFACTS / "journey-clerk-final.png"), full_page=True)
    context.close()


def _fits(page) -> None:
    """Nothing wider than the screen: no sideways scrolling on a phone."""
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1"), page.url


def _find_the_food_licence_and_read_its_guide(page, width):
    page.goto("/")
    page.get_by_test_id("home-search").fill("食品经营许可")
    page.get_by_test_id("home-search").press("Enter")
    results = page.get_by_test_id("catalogue-results")
    results.wait_for()
    assert "共 3 个事项" in page.get_by_test_id("result-count").inner_text()
    _fits(page)
    results.locator(f'[data-code="{FOOD_LICENCE}"] a.catalogue-name').click()
    assert page.get_by_test_id("guide-title").inner_text() == "食品经营许可"
    page.wait_for_selector("#process-diagram[data-loaded=true] svg")
    drawn = page.locator("#process-diagram svg text").evaluate_all("texts => texts.map(t => t.textContent)")
    for step in ("受理审查", "承办", "审核", "审批", "出件"):
        assert any(step in text for text in drawn), (step, drawn)
    materials = page.get_by_test_id("guide-materials").inner_text()
    assert "食品经营许可申请书" in materials and "申请人签字或盖章" in materials
    assert page.get_by_test_id("material-sample").first.get_attribute("href").startswith("/static/samples/")
    assert "示范市政务服务中心" in page.get_by_test_id("guide-places").inner_text()
    _fits(page)
    screenshot(page, f"journey-guide-{width}")


def _register(page):
    page.get_by_test_id("account-register").click()
    page.get_by_label("姓名").fill(VALID_PERSON["name"])
    page.get_by_label("身份证号码").fill("110105194912310021")  # a mistyped check digit first
    page.get_by_label("手机号码").fill(VALID_PERSON["phone"])
    page.locator("#password").fill(PASSWORD)
    page.get_by_label("确认密码").fill(PASSWORD)
    page.get_by_test_id("register-submit").click()
    assert page.locator(".error[data-field=id_number]").inner_text() == "身份证号码校验位错误"
    _fits(page)
    page.get_by_label("身份证号码").fill(VALID_PERSON["id_number"])
    page.locator("#password").fill(PASSWORD)
    page.get_by_label("确认密码").fill(PASSWORD)
    page.get_by_label("确认密码").press("Enter")  # the keyboard submits the form
    page.wait_for_selector("[data-testid=my-records-empty]")
    assert page.get_by_test_id("applicant-name").inner_text() == "张*"
    page.get_by_test_id("applicant-logout").click()
    page.get_by_test_id("account-login").click()
    page.get_by_label("身份证号码或统一社会信用代码").fill(VALID_PERSON["id_number"])
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_label("密码").press("Enter")  # keyboard only
    page.wait_for_selector("[data-testid=my-records-empty]")
    _fits(page)


def _my_record(page, number):
    page.goto("/my")
    return page.locator(f"[data-testid=my-record][data-number='{number}']")


def _progress(page, case_no, code):
    page.goto(f"/progress?case_no={case_no}")  # as the QR of the notice opens it
    page.get_by_label("查询码").fill(code)
    page.get_by_test_id("progress-submit").click()
    page.get_by_test_id("progress-result").wait_for()


def _prereview(clerk, application_no, decision, reason=""):
    clerk.goto("/window")
    row = clerk.locator(f"tr[data-application-no='{application_no}']")
    assert "示范市人民路" in row.get_by_test_id("prereview-form").inner_text()  # the answers of the form
    if reason:
        row.get_by_label("补正说明或不通过理由").fill(reason)
    row.get_by_test_id(f"prereview-{decision}").click()
    if decision == "pass":  # the window's receipt of the new case
        clerk.wait_for_url(re.compile(r"/window/cases/[^/?#]+$"))
    else:
        clerk.locator(".flash-success").wait_for()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_citizen_goes_from_search_to_rating_a_licence_she_applied_for_online(page, clerk, api, width):
    page.set_viewport_size(WIDTHS[width])
    _find_the_food_licence_and_read_its_guide(page, width)
    _register(page)

    page.goto(f"/apply/{FOOD_LICENCE}")
    fill_food_licence_form(page, VALID_COMPANY["name"], VALID_COMPANY["id_number"])
    assert page.get_by_label("申请人名称").input_value() == VALID_PERSON["name"]  # from the account
    assert page.get_by_label("证件号码").input_value() == VALID_PERSON["id_number"]
    page.locator("#mat-M04").uncheck()  # 食品安全管理制度 not ready yet
    _fits(page)
    page.get_by_test_id("submit-application").click()
    application_no = page.get_by_test_id("application-no").inner_text().strip()
    code = page.get_by_test_id("query-code").inner_text().strip()  # on the receipt, for the public pages
    record = _my_record(page, application_no)
    assert record.get_by_test_id("my-record-status").inner_text() == "待预审"
    assert VALID_PERSON["id_number"] not in page.content()  # masked on 我的办件

    _prereview(clerk, application_no, "supplement", reason="经营场所请写明门牌号")

    record = _my_record(page, application_no)
    assert record.get_by_test_id("my-record-status").inner_text() == "待补正"
    record.get_by_test_id("my-record-files").click()  # her own application: no code asked
    assert "经营场所请写明门牌号" in page.get_by_test_id("prereview-reason").inner_text()
    page.get_by_test_id("file-input-M04").set_input_files(
        files=[{"name": "食品安全管理制度.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.wait_for_selector("[data-testid=uploader-M04][data-state=done]")
    page.wait_for_selector("[data-app-form][data-loaded=true]")
    premises = page.get_by_test_id("app-form").get_by_label(re.compile(r"^经营场所\s*\*?$"))
    premises.fill("示范市人民路1号东楼101室")
    page.locator("#mat-M04").check()
    _fits(page)
    screenshot(page, f"journey-resubmit-{width}")
    page.get_by_test_id("resubmit-submit").click()  # at once: the typed answer is in the posted form already
    page.wait_for_selector("[data-testid=applicant-done]")
    assert page.get_by_test_id("application-state").inner_text() == "待预审"

    _prereview(clerk, application_no, "pass")
    case_no = re.search(r"/window/cases/([^/?#]+)", clerk.url).group(1)
    case = api.as_user("clerk_commerce").case(case_no)
    assert case["form"]["data"]["premises"] == "示范市人民路1号东楼101室"
    assert sorted(m["code"] for m in case["materials"]) == ["M01", "M02", "M03", "M04"]

    _progress(page, case_no, code)
    assert page.get_by_test_id("progress-status").inner_text() == "办理中"
    assert page.get_by_test_id("progress-deadline").is_visible()
    _fits(page)

    for username in ("scjgj_handler", "scjgj_reviewer", "scjgj_approver"):
        api.as_user(username).decide(case_no)
    assert api.as_user("clerk_commerce").issue(case_no).status_code == 200

    _progress(page, case_no, code)
    assert page.get_by_test_id("progress-decision-result").inner_text() == "准予许可"
    record = _my_record(page, case_no)
    assert record.get_by_test_id("my-record-status").inner_text() == "已办结"
    with page.expect_download() as download:
        record.get_by_test_id("my-record-licence").click()
    licence = download.value
    data = open(licence.path(), "rb").read()
    text = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages))
    printed = re.search(re.escape(PUBLIC_BASE_URL) + r"/verify\?number=[^&]+&code=[A-Z0-9]{6}", text).group(0)

    page.goto(printed[len(PUBLIC_BASE_URL):])  # what the licence's QR code opens
    assert page.get_by_test_id("verify-status").inner_text() == "有效"
    assert page.get_by_test_id("verify-holder").inner_text() == "张*"
    _fits(page)

    page.get_by_test_id("nav-disclosure").click()
    page.get_by_test_id("disclosure-search").fill(case_no)
    page.get_by_test_id("disclosure-search").press("Enter")
    row = page.locator(f'tr[data-case="{case_no}"]')
    assert "张*" in row.inner_text() and "准予" in row.inner_text()
    assert VALID_PERSON["id_number"] not in page.content()
    _fits(page)

    record = _my_record(page, case_no)
    record.get_by_role("link", name="评价").click()
    assert page.get_by_label("办件编号").input_value() == case_no
    page.get_by_label("查询码").fill(code)
    page.get_by_test_id("rate-find").click()
    page.get_by_test_id("grade-1").check()
    for indicator in ("efficiency", "guide_accuracy", "convenience", "usability"):
        page.get_by_test_id(f"indicator-{indicator}-1").check()
    page.get_by_label("评价内容（选填）").fill("指南清楚，网上就办好了")
    _fits(page)
    page.get_by_test_id("rate-submit").click()
    page.wait_for_selector("[data-testid=rate-done]")
    [rating] = api.as_user("supervisor").get("/api/v1/ratings").get_json()
    assert (rating["case_no"], rating["grade"], rating["channel"]) == (case_no, 1, "web")
    assert rating["indicators"] == {"efficiency": 1, "guide_accuracy": 1, "convenience": 1, "usability": 1}
    screenshot(page, f"journey-rated-{width}")
    assert not page.js_errors
