"""The approver's (首席代表) day in a real browser: they filter the inbox to the red tasks and claim three at once,
open a task, pause the clock for an expert review and see it paused, resume it, then hand another task to a
colleague picked from a list; the colleague's bell counts the new notification, and the colleague reads it."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.accounts.services import hash_password
from app.network.models import Department
from tests.conftest import DEFAULT_TEST_NOW, DEMO_PASSWORD
from tests.support import FOOD_LICENCE

from .conftest import log_in, screenshot


@pytest.fixture()
def second_approver(app, db):
    with app.app_context():
        department = db.session.scalars(sa.select(Department).where(Department.code == "SCJGJ")).one()
        db.session.add(User(username="scjgj_approver2", display_name="市场监管局 审批人 林工", role="approver",
                            password_hash=hash_password(DEMO_PASSWORD), department=department))
        db.session.commit()
    return "scjgj_approver2"


def _at_approval(api) -> str:
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    api.as_user("scjgj_handler").decide(case_no, step="handle")
    api.as_user("scjgj_reviewer").decide(case_no, step="review")
    return case_no


def test_the_approver_claims_the_red_tasks_pauses_for_an_expert_review_resumes_and_transfers_a_task(
        page, api, second_approver, case_clock):
    case_clock.set(DEFAULT_TEST_NOW - timedelta(days=45))  # accepted six weeks ago: past both limits now
    overdue = {_at_approval(api) for _ in range(3)}
    case_clock.set(DEFAULT_TEST_NOW)
    first, second = _at_approval(api), _at_approval(api)
    log_in(page, "scjgj_approver")

    page.get_by_test_id("colour-counts").locator("a[data-colour=red]").click()
    red_rows = page.locator("tbody tr[data-case-no]")
    assert {red_rows.nth(i).get_attribute("data-case-no") for i in range(red_rows.count())} == overdue
    assert {red_rows.nth(i).get_attribute("data-colour") for i in range(red_rows.count())} == {"red"}
    for i in range(3):
        red_rows.nth(i).get_by_test_id("select-task").check()
    page.get_by_test_id("claim-selected").click()
    assert "已签收 3 项任务" in page.locator(".flash-success").inner_text()
    assert page.locator("[data-testid=claimed]").count() == 3
    screenshot(page, "approver-day-claimed")

    page.goto("/inbox")
    page.locator(f"tr[data-case-no='{first}']").get_by_test_id("open-task").click()

    clock = page.get_by_test_id("clock-state")
    assert clock.get_attribute("data-state") == "running"
    page.get_by_test_id("op-pause").locator("summary").click()
    page.get_by_test_id("pause-kind").select_option(label="听证")
    assert page.get_by_test_id("pause-days").input_value() == "20"  # the usual length, from the rules file
    page.get_by_test_id("pause-kind").select_option(label="专家评审")
    assert page.get_by_test_id("pause-days").input_value() == "10"
    page.get_by_test_id("pause-reason").fill("组织食品安全专家评审")
    page.get_by_test_id("do-pause").click()

    assert "已暂停计时" in page.locator(".flash-success").inner_text()
    assert page.get_by_test_id("clock-state").get_attribute("data-state") == "paused"
    assert "专家评审" in page.get_by_test_id("open-pause").inner_text()
    assert page.locator(".urgency-paused").count() >= 1
    screenshot(page, "approver-day-paused")
    page.get_by_test_id("resume-clock").click()
    assert page.get_by_test_id("clock-state").get_attribute("data-state") == "running"
    history = page.get_by_test_id("history").inner_text()
    assert "暂停计时" in history and "恢复计时" in history

    page.goto("/inbox")
    page.locator(f"tr[data-case-no='{second}']").get_by_test_id("open-task").click()
    page.get_by_test_id("op-transfer").locator("summary").click()
    page.get_by_test_id("transfer-to").select_option(second_approver)
    page.get_by_test_id("do-transfer").click()
    assert "已转办" in page.locator(".flash-success").inner_text()
    assert page.get_by_test_id("my-task").count() == 0
    page.get_by_role("button", name="退出").click()

    log_in(page, second_approver)
    assert page.get_by_test_id("bell-count").inner_text() == "1"
    page.get_by_test_id("bell").click()
    row = page.get_by_test_id("notification").first
    assert second in row.inner_text() and row.get_attribute("data-read") == "no"
    screenshot(page, "approver-day-notifications")
    row.get_by_test_id("mark-read").click()
    assert page.get_by_test_id("bell-count").inner_text() == "0"
    assert page.get_by_test_id("notification").first.get_attribute("data-read") == "yes"
    assert not page.js_errors
