"""The supervisor's day in a real browser: from the departments' figures down to one window and the clerks who
received there, breadcrumbs leading back up, and the clerks' list exported to Excel."""
import io

import pytest
from openpyxl import load_workbook

from tests.support import FOOD_LICENCE

from .conftest import log_in, screenshot

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed").expect


def test_the_supervisor_drills_down_to_a_clerk_and_exports_the_list(page, api):
    for _ in range(3):
        api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
    log_in(page, "supervisor")
    assert page.url.endswith("/supervision")
    expect(page.locator("svg[data-chart=on_time]")).to_be_visible()
    assert "SCJGJ" in page.locator("svg[data-chart=online]").inner_html()

    page.get_by_test_id("statistics").get_by_role("link", name="示范市市场监督管理局").click()
    crumbs = page.get_by_test_id("drill-breadcrumbs")
    expect(crumbs).to_contain_text("示范市市场监督管理局")
    rows = page.get_by_test_id("drill-rows")
    expect(rows).to_contain_text("W-COMMERCE")
    rows.locator("tr[data-key=W-COMMERCE] a").click()

    expect(page.get_by_test_id("drill-breadcrumbs")).to_contain_text("人员")
    person = page.get_by_test_id("drill-rows").locator("tr[data-key=clerk_commerce]")
    expect(person).to_contain_text("商事窗口 王敏")
    assert person.locator("td").nth(1).inner_text() == "3"  # received
    screenshot(page, "supervisor-drill-person")

    with page.expect_download() as download_info:
        page.get_by_test_id("export-drill").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("代码", "人员", "收件")
    assert rows[1][:3] == ("clerk_commerce", "商事窗口 王敏", 3)
    path = [r for r in book["说明"].iter_rows(values_only=True)][1][1]
    assert path == "部门 › 示范市市场监督管理局 › 商事登记综合窗口 › 人员"

    page.get_by_test_id("drill-breadcrumbs").get_by_role("link", name="部门").click()
    expect(page.get_by_test_id("drill-rows")).to_contain_text("示范市市场监督管理局")
    assert page.js_errors == []
