from tests.web.conftest import browser, browser_for  # noqa: F401  (page tests of the network flows)
