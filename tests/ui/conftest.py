"""Browser tests: the app on a real HTTP server (werkzeug, in a thread) against the test database, driven by
Playwright in Debian's headless Chromium. No browser is ever downloaded: without a chromium binary (or without
the playwright package) these tests are skipped with the reason shown in the pytest summary."""
import logging
import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import DEMO_PASSWORD

logger = logging.getLogger(__name__)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:  # an explicit choice: used as given, or no browser at all
        return configured if os.access(configured, os.X_OK) else None
    for candidate in CHROMIUM_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def chromium():
    path = chromium_path()
    if path is None:
        pytest.skip("SKIPPED browser tests: no chromium binary found "
                    "(apt-get install chromium, or set CHROMIUM_PATH)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("SKIPPED browser tests: the playwright package is not installed "
                    "(pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def live_server(app, db):
    """The application served over HTTP on a free local port for the duration of one test."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture()
def page(chromium, live_server, request):
    context = chromium.new_context(base_url=live_server, locale="zh-CN",
                                   viewport={"width": 1366, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-final.png"), full_page=True)
    context.close()


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector("[data-testid=current-user]")


def tick_received_materials(page, *codes: str) -> None:
    """The clerk ticks the materials the applicant actually handed over (nothing is ticked beforehand);
    without codes: every required material of the checklist as the answers shape it."""
    boxes = ([page.locator(f"#mat-{code}") for code in codes] if codes else
             [page.locator("input[name=materials][data-required='1']").nth(i)
              for i in range(page.locator("input[name=materials][data-required='1']").count())])
    for box in boxes:
        if box.is_visible() and not box.is_checked():
            box.check()


def fill_food_licence_form(page, operator: str, credit_code: str, area: str = "120", agent: bool = False):
    """Fill the food licence's application form (rules/forms/330100-XK-001.form.json) as a clerk does."""
    page.wait_for_selector("[data-app-form][data-loaded=true]")
    form = page.get_by_test_id("app-form")
    form.get_by_label("经营者名称").fill(operator)
    form.get_by_label("统一社会信用代码").fill(credit_code)
    form.get_by_label("法定代表人（负责人）").fill("张三")
    form.get_by_label(re.compile(r"^经营场所\s*\*?$")).fill("示范市人民路1号")
    form.locator(".fjs-form-field", has_text="主体业态").locator(".fjs-input-group").click()
    form.locator(".fjs-dropdownlist-item", has_text="餐饮服务经营者").click()
    form.get_by_label("热食类食品制售").check()
    form.get_by_label("经营场所面积（平方米）").fill(area)
    if agent:
        form.get_by_label("委托代理人办理").check()
