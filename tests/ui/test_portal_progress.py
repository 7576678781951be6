"""Browser stories of 办件查询 and 证照核验 at a phone's width (375 px) and a desktop's: the address printed on
the window's notice opens the progress page with the case number filled in, the citizen types the 查询码 of
the notice and sees the status and the 补正 materials; a wrong code is told on the page. (The licence's QR address
is opened in the citizen's journey, tests/ui/test_portal_journey.py.)"""
import pytest

from tests.conftest import PUBLIC_BASE_URL
from tests.support import FOOD_LICENCE

from .conftest import ARTIFACTS, log_in

WIDTHS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1366, "height": 900}}


@pytest.fixture(params=list(WIDTHS))
def citizen(request, chromium, live_server):
    """The citizen's own browser (no login), at the width of the parameter."""
    context = chromium.new_context(base_url=live_server, locale="zh-CN", viewport=WIDTHS[request.param])
    context.set_default_timeout(15000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    page.width_name = request.param
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-citizen.png"), full_page=True)
    context.close()


def _opened(url: str) -> str:
    """A printed public address as the citizen's phone opens it (the test server plays the public site)."""
    assert url.startswith(PUBLIC_BASE_URL), url
    return url[len(PUBLIC_BASE_URL):]


def _fits(page) -> None:
    """Nothing wider than the screen: no sideways scrolling on a phone."""
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


def test_the_address_on_the_supplement_notice_leads_the_citizen_to_the_materials_to_bring(page, citizen, api):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE, materials=("M01", "M02"), decision="supplement",
                                missing=["M03"], reason="营业执照须在有效期内")["case_no"]
    missing = clerk.case(case_no)["missing_materials"]

    log_in(page, "clerk_commerce")  # the window prints the notice and hands it over
    page.goto(f"/window/cases/{case_no}/notice")
    printed_url = page.get_by_test_id("progress-url").inner_text().strip()
    code = page.get_by_test_id("query-code").inner_text().strip()
    assert printed_url == f"{PUBLIC_BASE_URL}/progress?case_no={case_no}"

    citizen.goto(_opened(printed_url))  # what the QR code opens
    assert citizen.get_by_label("办件编号").input_value() == case_no
    assert citizen.evaluate("document.activeElement.id") == "code"
    citizen.keyboard.type(code.lower())  # typed on the phone, in whatever case
    citizen.keyboard.press("Enter")
    citizen.wait_for_selector("[data-testid=progress-result]")
    assert citizen.get_by_test_id("progress-status").inner_text() == "补正中"
    materials = citizen.get_by_test_id("supplement-materials").locator("li")
    assert [materials.nth(i).get_attribute("data-code") for i in range(materials.count())] == missing
    item = api.app.test_client().get(f"/api/v1/items/{FOOD_LICENCE}").get_json()
    names = {m["code"]: m["name"] for m in item["materials"]}
    for index, material in enumerate(missing):
        assert names[material] in materials.nth(index).inner_text()
    assert "营业执照须在有效期内" in citizen.get_by_test_id("progress-supplement").inner_text()
    assert "张三" not in citizen.content()
    _fits(citizen)
    assert not citizen.js_errors


def test_a_wrong_code_is_told_on_the_page_and_the_number_stays(citizen, api):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    citizen.goto(f"/progress?case_no={case_no}")
    citizen.get_by_label("查询码").fill("ABCD2345")
    citizen.get_by_test_id("progress-submit").click()
    assert "未找到匹配的办件" in citizen.get_by_test_id("progress-problem").inner_text()
    assert citizen.get_by_label("办件编号").input_value() == case_no
    _fits(citizen)
