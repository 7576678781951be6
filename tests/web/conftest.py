"""Page tests without a browser: the Flask test client, session login and real CSRF tokens."""
import re

import pytest

from tests.conftest import DEMO_PASSWORD

_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|<meta name="csrf-token" content="([^"]+)"')


def csrf_token(html: str) -> str:
    match = _TOKEN.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


class Browser:
    """A test client that logs in through /login and sends the page's CSRF token with every form."""

    def __init__(self, client):
        self.client = client
        self.token = None

    def get(self, url, **kwargs):
        response = self.client.get(url, **kwargs)
        if response.mimetype == "text/html":
            found = _TOKEN.search(response.get_data(as_text=True))
            if found:
                self.token = found.group(1) or found.group(2)
        return response

    def post(self, url, data=None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.token)
        return self.client.post(url, data=data, **kwargs)

    def post_json(self, url, json):
        return self.client.post(url, json=json, headers={"X-CSRFToken": self.token})

    def login(self, username, password=DEMO_PASSWORD):
        self.get("/login")
        response = self.post("/login", {"username": username, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        self.get(response.headers["Location"])
        return response


@pytest.fixture()
def browser(app, db):
    return Browser(app.test_client())


@pytest.fixture()
def browser_for(app, db):
    def make(username):
        browser = Browser(app.test_client())
        browser.login(username)
        return browser

    return make
