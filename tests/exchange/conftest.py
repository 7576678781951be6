import pytest

from tests.web.conftest import Browser


@pytest.fixture(autouse=True)
def plain_http_receivers(app, monkeypatch):
    """The stories' receivers are local http:// servers (production webhooks must be https://)."""
    monkeypatch.setitem(app.config, "EXCHANGE_ALLOW_HTTP_WEBHOOKS", True)


@pytest.fixture()
def admin_pages(app, db):
    """The administrator logged in on the pages (session and CSRF token)."""
    browser = Browser(app.test_client())
    browser.login("admin")
    return browser
