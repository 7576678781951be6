"""我的办事 in a real browser, on a phone (375 px) and on a desktop: a citizen registers, logs out and in again
(with the keyboard), applies online for 食品经营许可 with the item's form, the applicant section already filled
from the account, and finds the application in 我的办件 with its status; nothing on the way is wider than the
screen."""
import pytest

from tests.support import FOOD_LICENCE, VALID_COMPANY, VALID_PERSON

from .conftest import fill_food_licence_form, screenshot

PASSWORD = "Kaixin2026"
WIDTHS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1366, "height": 900}}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("device", WIDTHS)
def test_a_citizen_registers_applies_online_and_follows_the_application_in_my_cases(page, device):
    page.set_viewport_size(WIDTHS[device])
    page.goto("/")
    page.get_by_test_id("account-register").click()
    page.get_by_label("姓名").fill(VALID_PERSON["name"])
    page.get_by_label("身份证号码").fill("110105194912310021")  # a mistyped check digit first
    page.get_by_label("手机号码").fill(VALID_PERSON["phone"])
    page.locator("#password").fill(PASSWORD)
    page.get_by_label("确认密码").fill(PASSWORD)
    page.get_by_test_id("register-submit").click()
    assert page.locator(".error[data-field=id_number]").inner_text() == "身份证号码校验位错误"
    assert fits(page)
    page.get_by_label("身份证号码").fill(VALID_PERSON["id_number"])
    page.locator("#password").fill(PASSWORD)
    page.get_by_label("确认密码").fill(PASSWORD)
    page.get_by_test_id("register-submit").click()
    page.wait_for_selector("[data-testid=my-records-empty]")
    assert page.get_by_test_id("applicant-name").inner_text() == "张*"
    screenshot(page, f"portal-accounts-registered-{device}")

    page.get_by_test_id("applicant-logout").click()
    page.wait_for_selector("[data-testid=account-login]")
    page.get_by_test_id("account-login").click()
    page.get_by_label("身份证号码或统一社会信用代码").fill(VALID_PERSON["id_number"])
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_label("密码").press("Enter")  # keyboard only
    page.wait_for_selector("[data-testid=my-records-empty]")
    assert fits(page)

    page.goto(f"/apply/{FOOD_LICENCE}")
    fill_food_licence_form(page, VALID_COMPANY["name"], VALID_COMPANY["id_number"])
    assert page.get_by_label("申请人名称").input_value() == VALID_PERSON["name"]  # from the account
    assert page.get_by_label("证件号码").input_value() == VALID_PERSON["id_number"]
    page.get_by_test_id("submit-application").click()
    application_no = page.get_by_test_id("application-no").inner_text().strip()

    page.goto("/")
    page.get_by_test_id("account-my").click()
    record = page.locator(f"[data-testid=my-record][data-number='{application_no}']")
    assert record.get_by_test_id("my-record-status").inner_text() == "待预审"
    assert "食品经营许可" in record.inner_text()
    assert VALID_PERSON["id_number"] not in page.content()  # masked on 我的办件
    assert fits(page)
    screenshot(page, f"portal-accounts-my-cases-{device}")
    record.get_by_test_id("my-record-files").click()
    page.wait_for_url(f"**/apply/files?application_no={application_no}")
    assert not page.js_errors
