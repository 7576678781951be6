"""机构管理 in a real browser: the administrator adds a community under a street, a 便民服务站 there, a 全科窗口
and a clerk for it, and finds each change in the audit log; the new clerk logs in and lands on the window."""
import re

import pytest

from app.demo.seed import ensure_region
from app.extensions import db
from tests.conftest import DEMO_PASSWORD

from .conftest import log_in, screenshot

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed").expect


def _a_street(app):
    """东城区 / 东城街道 (the demo network may already hold them)."""
    with app.app_context():
        city = ensure_region("330100", "示范市", "city")
        district = ensure_region("330102", "东城区", "district", city)
        ensure_region("330102001", "东城街道", "street", district)
        db.session.commit()


def test_the_admin_sets_up_a_community_station_and_its_clerk_logs_in(page, app):
    _a_street(app)
    log_in(page, "admin")
    page.get_by_role("link", name="机构管理").click()
    page.locator("[data-region='330102001']").click()
    assert "东城街道" in page.get_by_test_id("region-title").inner_text()

    region_form = page.get_by_test_id("region-form")
    region_form.get_by_label("区划代码").fill("33010200107")
    region_form.get_by_label("区划名称").fill("和谐社区")
    region_form.get_by_role("button", name="新增下级区划").click()
    error = page.get_by_test_id("region-form").locator(".error[data-field=code]")
    assert "12 位" in error.inner_text()
    screenshot(page, "admin-region-code-error")
    page.get_by_test_id("region-form").get_by_label("区划代码").fill("330102001007")
    page.get_by_test_id("region-form").get_by_role("button", name="新增下级区划").click()
    page.wait_for_selector("[data-region='330102001007'].current")

    centre_form = page.get_by_test_id("centre-form")
    centre_form.get_by_label("中心代码").fill("330102001007-ZD")
    centre_form.get_by_label("中心名称").fill("和谐社区便民服务站")
    centre_form.get_by_label("中心类型").select_option(label="便民服务站")
    centre_form.get_by_label("办公时间").fill("周一至周六 8:30-17:00")
    centre_form.get_by_role("button", name="新增服务中心").click()
    page.wait_for_selector("h1:has-text('和谐社区便民服务站')")

    window_form = page.get_by_test_id("window-form")
    window_form.get_by_label("窗口代码").fill("W-HEXIE-QK")
    window_form.get_by_label("窗口名称").fill("全科窗口")
    assert window_form.get_by_label("板块").is_visible()
    window_form.get_by_label("窗口类型").select_option(label="全科窗口")
    expect(window_form.get_by_label("板块")).to_be_hidden()  # a 全科窗口 accepts every sector
    window_form.get_by_role("button", name="新增窗口").click()
    row = page.locator("[data-window='W-HEXIE-QK']")
    assert "全部事项" in row.inner_text()

    row.get_by_role("link", name="新增受理人员").click()
    form = page.get_by_test_id("user-form")
    expect(form.get_by_label("所属部门")).to_be_hidden()  # a clerk needs a window, not a department
    assert "W-HEXIE-QK" in form.get_by_label("所在窗口").locator("option:checked").inner_text()
    form.get_by_label("用户名").fill("clerk_hexie")
    form.get_by_label("姓名").fill("和谐社区 全科 周敏")
    form.get_by_label("初始密码").fill(DEMO_PASSWORD)
    screenshot(page, "admin-new-clerk")
    form.get_by_role("button", name="新增工作人员").click()
    groups = page.get_by_test_id("user-groups").inner_text()
    assert "window:330102001007-ZD:commerce" in groups and "window:330102001007-ZD:social" in groups

    # every change of the set-up is in the admin audit log, newest first
    page.get_by_test_id("nav-audit").click()
    page.get_by_label("操作人").fill("admin")
    page.get_by_test_id("audit-filter").get_by_role("button", name="筛选").click()
    first = page.get_by_test_id("audit-rows").locator("tbody tr").first
    assert "clerk_hexie" in first.inner_text() and "新增" in first.inner_text()
    log = page.get_by_test_id("audit-rows").inner_text()
    assert "330102001007" in log and "W-HEXIE-QK" in log

    page.get_by_role("button", name="退出").click()
    log_in(page, "clerk_hexie")
    assert re.search(r"/window$", page.url)
    assert "和谐社区 全科 周敏" in page.get_by_test_id("current-user").inner_text()
    assert page.js_errors == []
