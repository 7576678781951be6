"""A citizen opens the portal: the home page leads to every public section, in Chinese or English."""


def test_the_home_page_offers_the_search_and_every_public_section(browser):
    page = browser.get("/").get_data(as_text=True)
    assert "<title>首页 · 示范市政务服务网</title>" in page  # no markup in the title, each block once
    assert page.count('data-testid="browse-departments"') == 1
    assert 'action="/services"' in page
    for path in ("/services", "/progress", "/verify", "/disclosure", "/rate", "/feedback", "/my"):
        assert f'href="{path}"' in page, path


def test_the_portal_speaks_english_on_request(browser):
    browser.get("/lang/en?next=/")
    page = browser.get("/").get_data(as_text=True)
    assert "Online service hall" in page and "Demo City Government Services" in page


def test_a_logged_in_clerk_going_home_lands_on_the_window(browser_for):
    response = browser_for("clerk_commerce").get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/window")


def test_an_unknown_public_address_gets_the_portal_s_error_page(browser):
    response = browser.get("/services-that-do-not-exist")
    assert response.status_code == 404


def test_the_browser_finds_the_favicon_the_pages_link(client):
    """Browsers ask for /favicon.ico on every site: it is a real icon (no 404 in the console), and both
    layouts, the portal's and the staff pages', link it."""
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.mimetype == "image/vnd.microsoft.icon"
    assert icon.data.startswith(b"\x00\x00\x01\x00")  # an ICO file
    for page in ("/", "/login"):
        assert '<link rel="icon" href="/favicon.ico"' in client.get(page).get_data(as_text=True), page
