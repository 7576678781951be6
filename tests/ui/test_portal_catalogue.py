"""A citizen's story on the public portal in a real browser, on a phone (375 px) and on a desktop: searching
食品经营许可 from the home page, reading its guide with the process diagram drawn and the materials, and finding a
decided case on 办件公示 — with the applicant's name masked."""
import pytest

from tests.support import FOOD_LICENCE, VALID_PERSON

from .conftest import screenshot

WIDTHS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1366, "height": 900}}


def _decided_case(api) -> str:
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE, applicant={**VALID_PERSON, "name": "李小龙"})[
        "case_no"]
    api.as_user("scjgj_handler").decide(case_no)
    api.as_user("scjgj_reviewer").decide(case_no)
    api.as_user("scjgj_approver").decide(case_no)
    return case_no


@pytest.mark.parametrize("device", WIDTHS)
def test_a_citizen_finds_the_food_licence_reads_its_guide_and_a_decided_case(page, api, device):
    case_no = _decided_case(api)
    page.set_viewport_size(WIDTHS[device])

    page.goto("/")
    page.get_by_test_id("home-search").fill("食品经营许可")
    page.get_by_test_id("home-search").press("Enter")
    results = page.get_by_test_id("catalogue-results")
    results.wait_for()
    assert "共 3 个事项" in page.get_by_test_id("result-count").inner_text()
    screenshot(page, f"portal-catalogue-search-{device}")
    results.locator(f'[data-code="{FOOD_LICENCE}"] a.catalogue-name').click()

    assert page.get_by_test_id("guide-title").inner_text() == "食品经营许可"
    page.wait_for_selector("#process-diagram[data-loaded=true] svg")
    drawn = page.locator("#process-diagram svg text").evaluate_all("texts => texts.map(t => t.textContent)")
    for step in ("受理审查", "承办", "审核", "审批", "出件"):
        assert any(step in text for text in drawn), (step, drawn)
    materials = page.get_by_test_id("guide-materials")
    assert "食品经营许可申请书" in materials.inner_text() and "申请人签字或盖章" in materials.inner_text()
    assert page.get_by_test_id("material-sample").first.get_attribute("href").startswith("/static/samples/")
    assert "示范市政务服务中心" in page.get_by_test_id("guide-places").inner_text()
    # nothing spills sideways on a phone: the page is no wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[device]["width"]
    screenshot(page, f"portal-guide-{device}")

    page.get_by_test_id("nav-disclosure").click()
    page.get_by_test_id("disclosure-search").fill(case_no)
    page.get_by_test_id("disclosure-search").press("Enter")
    row = page.locator(f'tr[data-case="{case_no}"]')
    row.wait_for()
    assert "李**" in row.inner_text() and "准予" in row.inner_text() and "食品经营许可" in row.inner_text()
    assert "李小龙" not in page.content() and VALID_PERSON["id_number"] not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[device]["width"]
    screenshot(page, f"portal-disclosure-{device}")
    assert not page.js_errors
