"""Logging in, role checks and CSRF on the pages; the bearer API stays free of CSRF."""
import json

from tests.support import VALID_PERSON, demo_answers


def test_the_public_home_needs_no_login_but_staff_pages_do(browser):
    home = browser.get("/")
    assert home.status_code == 200 and "网上办事大厅" in home.get_data(as_text=True)
    for url in ("/workbench", "/window", "/inbox", "/designer", "/supervision", "/cases"):
        response = browser.get(url)
        assert response.status_code == 302, url
        assert "/login?next=" in response.headers["Location"]


def test_diagram_json_needs_a_login_and_answers_json(browser):
    response = browser.get("/cases/X/diagram.json")
    assert response.status_code == 401
    assert response.get_json()["code"] == 401


def test_wrong_password_is_refused_in_chinese(browser):
    browser.get("/login")
    response = browser.post("/login", {"username": "clerk_commerce", "password": "wrong"})
    assert response.status_code == 401
    assert "用户名或密码错误" in response.get_data(as_text=True)


def test_repeated_failures_block_the_page_login_like_the_api(browser, app):
    browser.get("/login")
    for _attempt in range(app.config["LOGIN_FAILURES_PER_USER"]):
        assert browser.post("/login", {"username": "designer", "password": "wrong"}).status_code == 401
    response = browser.post("/login", {"username": "designer", "password": "Demo@2025"})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.get_data(as_text=True)


def test_login_lands_on_the_role_s_page(browser_for):
    for username, page in (("clerk_commerce", "/window"), ("scjgj_handler", "/inbox"),
                           ("supervisor", "/supervision"), ("designer", "/designer")):
        browser = browser_for(username)
        response = browser.get("/")
        assert response.headers["Location"].endswith(page), username
        assert browser.get(page).status_code == 200, username


def test_login_refuses_a_foreign_next_url(browser):
    browser.get("/login")
    response = browser.post("/login?next=//evil.example/x", {"username": "designer", "password": "Demo@2025"})
    assert response.headers["Location"] == "/designer"


def test_a_clerk_cannot_open_the_designer(browser_for):
    response = browser_for("clerk_commerce").get("/designer")
    assert response.status_code == 403
    text = response.get_data(as_text=True)
    assert "无权访问" in text and "<html" in text


def test_role_checks_on_each_area(browser_for):
    clerk, handler = browser_for("clerk_commerce"), browser_for("scjgj_handler")
    assert clerk.get("/inbox").status_code == 403
    assert clerk.get("/supervision").status_code == 403
    assert handler.get("/window").status_code == 403
    assert handler.get("/designer").status_code == 403
    assert browser_for("designer").post_json("/designer/validate.json", {}).status_code != 403
    assert browser_for("supervisor").post_json(
        "/designer/validate.json", {"file_name": "a.bpmn", "bpmn_xml": "<x/>"}).status_code == 403


def test_a_clerk_cannot_accept_items_of_another_sector(browser_for):
    response = browser_for("clerk_construction").get("/window/items/330100-XK-001")
    assert response.status_code == 403


def test_forms_without_the_csrf_token_are_refused(browser_for, app):
    import sqlalchemy as sa

    from app.cases.models import Case
    from app.extensions import db

    clerk = browser_for("clerk_commerce")
    form = {"applicant_kind": "person", "applicant_name": VALID_PERSON["name"],
            "id_number": VALID_PERSON["id_number"], "phone": VALID_PERSON["phone"], "decision": "accept",
            "materials": ["M01", "M02", "M03", "M04"], "form_data": json.dumps(demo_answers("330100-XK-001"))}
    response = clerk.client.post("/window/items/330100-XK-001", data=form)
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True) and "<html" in response.get_data(as_text=True)
    wrong = clerk.client.post("/window/items/330100-XK-001", data={**form, "csrf_token": "forged"})
    assert wrong.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 0
        db.session.remove()
    assert clerk.post("/window/items/330100-XK-001", form).status_code == 302  # with the token it works


def test_json_writes_of_the_pages_need_the_csrf_header(browser_for):
    designer = browser_for("designer")
    upload = {"file_name": "a.bpmn", "bpmn_xml": "<x/>"}
    response = designer.client.post("/designer/validate.json", json=upload)
    assert response.status_code == 400


def test_logout_needs_csrf_and_ends_the_session(browser_for):
    clerk = browser_for("clerk_commerce")
    assert clerk.client.post("/logout").status_code == 400
    assert clerk.post("/logout").status_code == 302
    assert clerk.get("/window").status_code == 302


def test_the_api_is_not_subject_to_csrf(api):
    clerk = api.as_user("clerk_commerce")
    assert clerk.submit_case().status_code == 201


def test_language_switch_to_english_and_back(browser_for):
    clerk = browser_for("clerk_commerce")
    assert "综合窗口受理" in clerk.get("/window").get_data(as_text=True)
    clerk.get("/lang/en?next=/window")
    english = clerk.get("/window").get_data(as_text=True)
    assert "Window acceptance" in english and 'lang="en"' in english
    clerk.get("/lang/zh_CN")
    assert "综合窗口受理" in clerk.get("/window").get_data(as_text=True)
