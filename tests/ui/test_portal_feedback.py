"""The citizen's story of 咨询投诉 in a real browser, on a phone (375 px) and on a desktop (好差评 is rated in the
citizen's journey, tests/ui/test_portal_journey.py): a complaint is submitted, routed by the centre's desk,
answered by the department (drafted by the handler, signed off by the approver), closed with a 回访, and the
citizen sees the answer with the record's number and code."""
import pytest

from .conftest import log_in, screenshot

WIDTHS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1366, "height": 900}}


def _no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _staff(chromium, live_server, username):
    context = chromium.new_context(base_url=live_server, locale="zh-CN", viewport=WIDTHS["desktop"])
    context.set_default_timeout(15000)
    staff = context.new_page()
    log_in(staff, username)
    return context, staff


def _open_record(staff, number):
    staff.get_by_test_id("nav-feedback-desk").click()
    staff.locator(f"tr[data-number='{number}'] [data-testid=open-feedback]").click()
    staff.wait_for_selector("[data-testid=feedback-record]")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_complaint_is_routed_answered_by_two_people_closed_and_the_citizen_sees_the_answer(
        page, chromium, live_server, width):
    page.set_viewport_size(WIDTHS[width])
    page.goto("/")
    page.get_by_test_id("nav-feedback").click()
    page.get_by_test_id("kind-complaint").check()
    page.get_by_label("反映对象").select_option("window")
    assert page.get_by_label("办件编号").is_hidden()  # only the chosen subject's chooser is shown
    page.get_by_label("窗口", exact=True).select_option("W-COMMERCE")
    page.get_by_label("标题").fill("窗口排队太久")
    page.get_by_label("内容").fill("商事登记窗口排队两个小时，无人引导。")
    page.get_by_test_id("feedback-submit").click()
    page.wait_for_selector("[data-testid=error-name]")  # a complaint needs a name and a phone
    page.get_by_test_id("feedback-name").fill("李小明")
    page.get_by_test_id("feedback-phone").fill("13900001111")
    page.get_by_test_id("feedback-submit").click()
    number = page.get_by_test_id("receipt-number").inner_text().strip()
    code = page.get_by_test_id("receipt-code").inner_text().strip()
    _no_horizontal_scroll(page)
    screenshot(page, f"portal-feedback-receipt-{width}")

    for username, act in (("supervisor", "route"), ("scjgj_handler", "draft"), ("scjgj_approver", "approve"),
                          ("supervisor", "close")):
        context, staff = _staff(chromium, live_server, username)
        _open_record(staff, number)
        if act == "route":
            assert "13900001111" in staff.get_by_test_id("feedback-contact").inner_text()
            staff.get_by_test_id("route-department").select_option("SCJGJ")
        elif act == "draft":
            staff.get_by_test_id("draft-answer").fill("已约谈窗口负责人，增设叫号引导员。")
        elif act == "close":
            staff.get_by_test_id("visit-satisfaction").select_option("2")
            staff.get_by_test_id("visit-note").fill("电话回访，表示满意")
        staff.get_by_test_id(f"decision-{act}").click()
        staff.wait_for_selector("[data-testid=feedback-record]")
        context.close()

    page.goto("/feedback/track")
    page.get_by_test_id("track-number").fill(number)
    page.get_by_test_id("track-code").fill(code)
    page.get_by_test_id("track-submit").click()
    assert page.get_by_test_id("track-state").inner_text() == "已办结"
    assert page.get_by_test_id("track-answer").inner_text() == "已约谈窗口负责人，增设叫号引导员。"
    _no_horizontal_scroll(page)
    screenshot(page, f"portal-feedback-answer-{width}")
    assert not page.js_errors
