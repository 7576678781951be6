"""一件事一次办 in a real browser: a citizen applies online for 开办餐饮店 with one form and one material list; the
window accepts it once; 市场监管局 issues the business licence (through the API, to keep the story fast), which
unlocks 食品经营许可 without a new upload while the fire inspection runs in parallel; the window hands every
result over together; the applicant rates once; the theme's pages show the path and deadline of every child."""
import sqlalchemy as sa

from app.extensions import db
from app.themes.models import ThemeApplication
from tests.themes.support import (
    APPLICANT, BUSINESS_LICENCE, FIRE_CHECK, FOOD_LICENCE, MATERIALS, SIGNBOARD, THEME, approve_all, children,
)

from .conftest import log_in, screenshot


def _fill_theme_form(page):
    page.wait_for_selector("[data-app-form][data-loaded=true]")
    form = page.get_by_test_id("app-form")
    form.get_by_label("店铺名称").fill("示范市湖滨餐厅")
    form.get_by_label("经营场所地址").fill("示范市湖滨路8号")
    form.get_by_label("法定代表人（负责人）").fill("张三")
    form.get_by_label("热食类食品制售").check()
    form.get_by_label("经营面积（平方米）").fill("320")
    form.get_by_label("最大容纳人数").fill("150")


def test_a_citizen_opens_a_restaurant_with_one_application_one_acceptance_and_one_issuance(page, api, app):
    page.goto(f"/themes/{THEME}")
    assert page.get_by_test_id("theme-items").locator("tr[data-code]").count() == 4
    page.get_by_test_id("theme-apply").click()
    _fill_theme_form(page)
    page.get_by_label("申请人类型").select_option("organisation")
    page.get_by_label("申请人名称").fill(APPLICANT["name"])
    page.get_by_label("证件号码").fill(APPLICANT["id_number"])
    page.get_by_label("联系电话").fill(APPLICANT["phone"])
    for code in MATERIALS:
        page.get_by_test_id(f"material-{code}").check()
    page.get_by_test_id("submit-application").click()
    application_no = page.get_by_test_id("application-no").inner_text().strip()
    query_code = page.get_by_test_id("query-code").inner_text().strip()
    screenshot(page, "theme-receipt")

    # the window accepts once, in its browser
    log_in(page, "clerk_commerce")
    page.get_by_test_id("nav-themes").click()
    row = page.get_by_test_id("theme-applications").locator(f"tr[data-application='{application_no}']")
    row.get_by_test_id("accept-application").click()
    page.wait_for_selector("[data-testid=theme-case]")
    children_table = page.get_by_test_id("theme-children")
    assert children_table.locator(f"tr[data-code='{FOOD_LICENCE}']").get_attribute("data-state") == "waiting"
    assert children_table.locator(f"tr[data-code='{FIRE_CHECK}']").get_attribute("data-state") == "running"
    assert children_table.locator(f"tr[data-code='{SIGNBOARD}']").get_attribute("data-state") == "skipped"
    with app.app_context():
        theme_no = db.session.scalars(sa.select(ThemeApplication).where(
            ThemeApplication.application_no == application_no)).one().theme_case.theme_no

    # the departments decide through the API: the 营业执照 unlocks 食品经营许可, the fire inspection runs alongside
    clerk = api.as_user("clerk_commerce")
    kids = children(clerk.get(f"/api/v1/themes/cases/{theme_no}").get_json())
    approve_all(api, kids[BUSINESS_LICENCE]["case_no"], "scjgj")
    kids = children(clerk.get(f"/api/v1/themes/cases/{theme_no}").get_json())
    assert kids[FOOD_LICENCE]["state"] == "running"
    assert "file.reused" in [e["action"] for e in clerk.case(kids[FOOD_LICENCE]["case_no"])["history"]]
    approve_all(api, kids[FIRE_CHECK]["case_no"], "xfzd")
    approve_all(api, kids[FOOD_LICENCE]["case_no"], "scjgj")

    # 统一出件 at the window
    page.reload()
    page.get_by_label("领取人/签收人").fill("张三")
    page.get_by_test_id("recipient-id").fill("11010519491231002X")
    page.get_by_test_id("authorised").check()  # 张三 collects for the company with its 委托书
    page.get_by_test_id("issue-theme").click()
    page.wait_for_selector("[data-testid=theme-case][data-status=finished]")
    for code in (BUSINESS_LICENCE, FOOD_LICENCE, FIRE_CHECK):
        assert page.get_by_test_id("theme-children").locator(f"tr[data-code='{code}'] [data-testid=child-deadline]") \
            .inner_text().startswith("2026-")
    screenshot(page, "theme-case-issued")

    # the applicant: one progress query with every child's path and deadline, one rating
    page.goto("/themes/progress")
    page.get_by_label("一件事编号").fill(theme_no)
    page.get_by_label("查询码").fill(query_code)
    page.get_by_test_id("theme-progress-submit").click()
    progress = page.get_by_test_id("theme-progress")
    assert progress.get_attribute("data-status") == "finished"
    food = progress.locator(f"tr[data-code='{FOOD_LICENCE}']")
    assert "证照复用：营业执照" in food.inner_text() and food.get_by_test_id("child-deadline").inner_text().startswith("2026-")
    page.get_by_test_id("grade-1").check()
    page.get_by_test_id("theme-rate").click()
    assert page.get_by_test_id("theme-rated").is_visible()
    assert page.get_by_test_id("theme-rate-form").count() == 0  # once
    screenshot(page, "theme-progress-rated")
    assert not page.js_errors
