from tests.web.conftest import browser, browser_for  # noqa: F401  (page fixtures)
