"""Portal page tests use the same page client as the staff pages (session cookies, real CSRF tokens)."""
from tests.web.conftest import Browser, browser, browser_for, csrf_token  # noqa: F401  (fixtures and helpers)
