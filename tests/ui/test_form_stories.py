"""Users' stories of the application form (一表申请) in a real browser: the clerk fills the item's form and the
checklist follows the answers; the back office reads the form on the case page; the designer adds a required
field in the form-js editor, a second account reviews and publishes it, and the next acceptance requires it."""
from tests.support import FOOD_LICENCE, VALID_COMPANY, demo_answers

from .conftest import fill_food_licence_form, log_in, screenshot, tick_received_materials

FORM_READY = "[data-app-form][data-loaded=true]"


def test_a_clerk_fills_the_items_form_and_the_checklist_follows_the_answers(page, api):
    log_in(page, "clerk_commerce")
    page.goto(f"/window/items/{FOOD_LICENCE}")
    page.wait_for_selector(FORM_READY)
    agent_row = page.locator("tr[data-material=M06]")
    assert agent_row.is_hidden()  # 授权委托书 only when an agent applies

    fill_food_licence_form(page, VALID_COMPANY["name"], VALID_COMPANY["id_number"], area="350", agent=True)
    page.wait_for_selector("[data-testid=materials][data-required-codes~=M06][data-required-codes~=M07]")
    assert agent_row.is_visible() and page.locator("tr[data-material=M07]").is_visible()

    tick_received_materials(page)  # with the power of attorney (M06) and the drawing (M07)
    assert page.locator("#mat-M06").is_checked() and page.locator("#mat-M07").is_checked()
    page.get_by_label("申请人类型").select_option("organisation")
    page.get_by_label("申请人名称").fill(VALID_COMPANY["name"])
    page.get_by_label("证件号码").fill(VALID_COMPANY["id_number"])
    page.get_by_label("联系电话").fill(VALID_COMPANY["phone"])
    page.get_by_label("受理", exact=True).check()
    screenshot(page, "clerk-fills-the-application-form")
    page.get_by_test_id("submit-acceptance").click()

    case_no = page.get_by_test_id("case-no").inner_text().strip()
    case = api.as_user("clerk_commerce").case(case_no)
    assert case["form"]["data"]["area"] == 350 and case["form"]["data"]["agent"] is True
    assert {"M06", "M07"} <= {m["code"] for m in case["materials"]}
    assert not page.js_errors


def test_the_server_refuses_a_wrong_answer_and_shows_it_on_the_field(page):
    log_in(page, "clerk_commerce")
    page.goto(f"/window/items/{FOOD_LICENCE}")
    page.wait_for_selector(FORM_READY)
    form = page.get_by_test_id("app-form")
    form.get_by_label("经营者名称").fill(VALID_COMPANY["name"])
    form.get_by_label("统一社会信用代码").fill("not-a-code")
    page.get_by_label("申请人名称").fill(VALID_COMPANY["name"])
    page.get_by_label("证件号码").fill(VALID_COMPANY["id_number"])
    page.get_by_label("申请人类型").select_option("organisation")
    page.get_by_label("联系电话").fill(VALID_COMPANY["phone"])
    with page.expect_navigation():
        page.get_by_test_id("submit-acceptance").click()

    page.wait_for_selector(FORM_READY)
    form = page.get_by_test_id("app-form")
    assert "申请表填写有误" in page.get_by_test_id("form-problems").inner_text()
    field = form.locator(".fjs-form-field", has=page.get_by_label("统一社会信用代码"))
    screenshot(page, "server-error-on-the-field")
    field.get_by_text("「统一社会信用代码」至少 18 个字符").wait_for()  # the server's own message, on the field
    assert form.get_by_label("经营者名称").input_value() == VALID_COMPANY["name"]  # the answers are kept


def test_an_approver_opens_the_case_and_reads_the_form(page, api):
    answers = demo_answers(FOOD_LICENCE, operator_name="示范市味道餐饮有限公司", area=88.5)
    case_no = api.as_user("clerk_commerce").accept_case(form=answers)["case_no"]
    log_in(page, "scjgj_handler")
    page.goto(f"/cases/{case_no}")
    page.wait_for_selector(FORM_READY)
    form = page.get_by_test_id("case-form")
    assert form.get_by_label("经营者名称").input_value() == "示范市味道餐饮有限公司"
    assert form.get_by_label("经营场所面积（平方米）").input_value() == "88.5"
    assert form.get_by_label("经营者名称").is_disabled() or form.get_by_label("经营者名称").get_attribute("readonly") is not None
    screenshot(page, "approver-reads-the-form")
    assert not page.js_errors


def test_the_designer_adds_a_required_field_it_is_reviewed_and_published_and_acceptance_requires_it(page, api):
    log_in(page, "designer")
    page.get_by_test_id("catalogue-link").click()
    page.locator(f"tr[data-item-code='{FOOD_LICENCE}']").get_by_test_id("open-item").click()
    page.get_by_test_id("new-version").click()
    page.wait_for_selector("[data-testid=version-status][data-status=draft]")
    page.wait_for_selector("#form-editor[data-loaded=true]")

    page.locator("button.fjs-palette-field[data-field-type=textfield]").press("Enter")  # added at the end
    page.locator("#form-editor .fjs-element", has_text="Text field").last.click()
    page.locator(".bio-properties-panel-group-header", has_text="General").click()
    page.locator("#bio-properties-panel-label").fill("食品安全管理员")
    page.locator("#bio-properties-panel-key").fill("safety_manager")
    page.wait_for_selector("#form-editor .fjs-element:has-text('食品安全管理员')")
    page.locator(".bio-properties-panel-group-header-title", has_text="Validation").click()
    page.locator("#bio-properties-panel-required").check()
    page.get_by_test_id("save-form").click()
    page.wait_for_selector("[data-testid=form-status][data-state=saved]")
    screenshot(page, "designer-adds-a-required-field")
    page.get_by_test_id("submit-version").click()
    page.wait_for_selector("[data-testid=version-status][data-status=in_review]")
    assert not page.js_errors
    draft_url = page.url

    page.get_by_role("button", name="退出").click()
    # the review needs a second account: the authority of a 许可 item is the 行政审批局 (rules/item_review.toml)
    log_in(page, "xzspj_approver")
    page.get_by_test_id("item-review-link").click()
    page.goto(draft_url)
    page.get_by_test_id("approve-version").click()
    page.wait_for_selector("[data-testid=version-status][data-status=published]")

    clerk = api.as_user("clerk_commerce")
    refused = clerk.submit_case()
    assert refused.status_code == 422
    assert "safety_manager" in refused.get_json()["errors"]["json"]["form"]
    accepted = clerk.submit_case(form=demo_answers(FOOD_LICENCE, safety_manager="李四"))
    assert accepted.status_code == 201, accepted.get_json()
    assert accepted.get_json()["item"]["version"] == 2
