"""The designer's workbench for decision tables, in the browser: the dispatch table (按责转办) is edited in
dmn-js, tested against the server's engine, submitted with a reason, approved by a second person of the
行政审批局 and deployed; the next case accepted is dispatched by the new row."""
from tests.ui.conftest import log_in, screenshot

CLINIC = "330100-XK-004"  # 医疗机构执业登记: the dispatch table sends it to 卫健委 (WJW)


def test_a_designer_changes_a_dispatch_row_tests_it_and_it_is_deployed_after_review(page, api):
    log_in(page, "designer")
    page.get_by_test_id("decisions-link").click()
    page.get_by_test_id("open-dispatch_department").click()
    page.get_by_test_id("new-draft").click()
    page.wait_for_selector("[data-testid=version-status][data-status=draft]")
    page.wait_for_selector("#dmn-editor[data-ready=true]")
    editor = page.get_by_test_id("dmn-editor")
    assert editor.get_by_text("命中策略").count() >= 1  # dmn-js speaks Chinese

    cell = editor.locator("td[data-row-id=Rule_XK004][data-col-id=Output_department] [contenteditable]")
    cell.click()
    page.keyboard.press("Control+A")
    page.keyboard.type('"SCJGJ"')
    page.get_by_test_id("test-panel").locator("h2").click()  # leave the cell
    page.wait_for_selector("[data-testid=editor-status].bad")  # unsaved changes

    page.get_by_test_id("test-input-item_code").fill(CLINIC)
    page.get_by_test_id("run-test").click()
    output = page.get_by_test_id("test-output")
    output.get_by_text('"SCJGJ"').wait_for()
    assert page.locator("[data-testid=test-result] li.good[data-rule-id=Rule_XK004]").count() == 1
    assert editor.locator("td.rule-used[data-row-id=Rule_XK004]").count() > 0

    page.get_by_test_id("test-input-item_code").fill("330100-XK-009")  # falls through to the default row
    page.get_by_test_id("run-test").click()
    page.get_by_test_id("test-error").wait_for()
    assert "item_department" in page.locator("[data-error-for=item_department]").inner_text()
    screenshot(page, "decision-table-tested")

    page.get_by_test_id("submit-note").fill("医疗机构执业登记改由市场监管局承办")
    page.get_by_test_id("submit-version").click()  # saves the unsaved edit first
    page.wait_for_selector("[data-testid=version-status][data-status=in_review]")
    assert not page.js_errors, page.js_errors

    page.get_by_role("button", name="退出").click()
    log_in(page, "xzspj_approver")  # the second person: 行政审批局 (rules/decisions.toml)
    page.get_by_test_id("item-review-link").click()
    page.get_by_test_id("decisions-link").click()
    page.get_by_test_id("open-dispatch_department").click()  # opens the version waiting for review
    page.wait_for_selector("[data-testid=version-status][data-status=in_review]")
    page.get_by_test_id("approve-version").click()
    page.wait_for_selector("[data-testid=version-status][data-status=deployed]")
    versions = page.get_by_test_id("decision-versions")
    assert "xzspj_approver" in versions.locator("tr[data-number='2']").inner_text()
    assert versions.locator("tr[data-number='1'][data-status=superseded]").count() == 1

    case = api.as_user("clerk_social").accept_case(CLINIC, materials=["M01", "M02", "M03", "M04", "M05"])
    task = api.as_user("scjgj_handler").task_for(case["case_no"])
    assert task["department"] == "SCJGJ"
    assert api.as_user("wjw_handler").tasks(case_no=case["case_no"]) == []
