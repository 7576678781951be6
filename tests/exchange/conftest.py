import pytest

from tests.web.conftest import Browser


@pytest.fixture()
def admin_pages(app, db):
    """The administrator logged in on the pages (session and CSRF token)."""
    browser = Browser(app.test_client())
    browser.login("admin")
    return browser
