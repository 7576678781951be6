"""The notice pages are printed from the window's pages: the page client of the staff page tests."""
from tests.web.conftest import browser_for  # noqa: F401  (fixture)
