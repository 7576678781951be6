"""Users' stories in a real browser: a clerk accepts a case, an approver completes its task from the inbox,
a designer's invalid edit is listed and highlighted (the workbench story is in test_designer_workbench.py)."""
import re

from tests.support import VALID_PERSON

from .conftest import fill_food_licence_form, log_in, screenshot, tick_received_materials


def test_a_clerk_logs_in_and_accepts_a_case(page):
    log_in(page, "clerk_commerce")
    assert page.url.endswith("/window")
    page.get_by_test_id("item-search").fill("食品")
    page.get_by_role("button", name="查询").click()
    page.get_by_role("row", name=re.compile("330100-XK-001 食品经营许可")).get_by_role("link", name="收件受理").click()

    fill_food_licence_form(page, "示范市某某餐饮管理有限公司", "91350100M000100Y43")
    required = page.locator("input[name=materials][data-required='1']")
    assert required.count() == 4 and not any(required.nth(i).is_checked() for i in range(4))  # never pre-ticked
    tick_received_materials(page)
    page.get_by_label("申请人名称").fill(VALID_PERSON["name"])
    page.get_by_label("证件号码").fill("110105194912310021")
    assert "校验位错误" in page.get_by_test_id("id-feedback").inner_text()
    page.get_by_label("证件号码").fill(VALID_PERSON["id_number"].lower())
    page.wait_for_selector("[data-testid=id-feedback][data-valid=true]")
    page.get_by_label("联系电话").fill(VALID_PERSON["phone"])
    page.get_by_label("受理", exact=True).check()
    screenshot(page, "clerk-acceptance-form")
    page.get_by_test_id("submit-acceptance").click()

    case_no = page.get_by_test_id("case-no").inner_text().strip()
    assert re.fullmatch(r"33010020260302\d{5}", case_no)
    assert page.get_by_test_id("deadline").inner_text() == "2026-03-09"
    screenshot(page, "clerk-receipt")
    page.goto(f"/window/cases/{case_no}/notice")
    assert "受理通知书" in page.get_by_test_id("notice").inner_text()
    screenshot(page, "clerk-notice")
    assert not page.js_errors


def test_an_approver_completes_the_task_from_the_inbox(page, api):
    case_no = api.as_user("clerk_commerce").accept_case()["case_no"]
    log_in(page, "scjgj_handler")
    row = page.locator(f"tr[data-case-no='{case_no}']")
    assert row.get_attribute("data-colour") == "green"
    screenshot(page, "approver-inbox")
    row.get_by_test_id("open-task").click()

    page.wait_for_selector("#diagram[data-loaded=true]")
    assert page.locator("#diagram").get_attribute("data-current") == "Task_Handle"
    assert page.locator(".djs-element.step-current[data-element-id=Task_Handle]").count() == 1
    page.get_by_test_id("opinion").fill("材料齐全，同意")
    screenshot(page, "approver-case")
    page.get_by_test_id("decide-approve").click()

    page.wait_for_url("**/inbox")
    assert "已办理" in page.locator(".flash-success").inner_text()
    assert page.locator(f"tr[data-case-no='{case_no}']").count() == 0
    history = api.as_user("scjgj_reviewer").case(case_no)["history"]
    assert any(e["action"] == "task.completed" and e["opinion"] == "材料齐全，同意" for e in history)
    assert not page.js_errors


def test_validation_problems_are_listed_and_highlighted(page):
    log_in(page, "designer")
    page.goto("/designer")
    page.locator("[data-testid^=open-standard_approval-v]").first.click()
    page.wait_for_selector("#canvas[data-loaded=true]")
    page.evaluate("""() => {
        const registry = processModeler.get('elementRegistry');
        const task = registry.get('Task_Review');
        processModeler.get('modeling').updateProperties(task, {'camunda:candidateGroups': undefined});
    }""")
    page.get_by_test_id("validate").click()
    page.wait_for_selector("#canvas[data-valid=false]")
    assert page.locator("#problems li[data-element-id=Task_Review]").count() >= 1
    assert page.locator(".djs-element.has-problem[data-element-id=Task_Review]").count() == 1
    screenshot(page, "designer-problems")


def test_a_supervisor_sees_the_dashboard_in_chinese_and_english(page, api, case_clock):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    case_no = api.as_user("clerk_commerce").accept_case()["case_no"]
    case_clock.set(datetime(2026, 3, 16, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))  # past the promised limit
    log_in(page, "scjgj_handler")
    assert page.locator(f"tr[data-case-no='{case_no}']").get_attribute("data-colour") == "red"
    page.get_by_role("button", name="退出").click()

    log_in(page, "supervisor")
    assert page.url.endswith("/supervision")
    if page.get_by_test_id("supervision-disabled").count():
        return
    assert page.locator("figure.chart svg").count() == 5  # four per-department charts and the six-month trend
    page.get_by_test_id("recompute").click()
    assert case_no in page.get_by_test_id("level-yellow").inner_text()  # 5 days past the promised limit
    screenshot(page, "supervisor-dashboard")
    page.get_by_role("link", name="English").click()
    assert page.get_by_role("heading", name="Supervision").is_visible()
    screenshot(page, "supervisor-dashboard-en")
    page.get_by_role("link", name="中文").click()
    assert page.get_by_role("heading", name="电子监察").is_visible()
