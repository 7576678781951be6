from tests.web.conftest import Browser, browser, browser_for, csrf_token  # noqa: F401  (page tests of themes)
