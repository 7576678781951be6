"""机构管理 pages through the test client: the admin builds a district's centre, window and clerk; the server's
field errors are shown next to the fields; nobody but an admin reaches the pages."""
import re

import sqlalchemy as sa

from app.accounts.models import User
from app.extensions import db
from app.network.models import Region, ServiceCentre, Window

PASSWORD = "Passw0rd2026"


def _id(app, model, **where):
    with app.app_context():
        return db.session.scalars(sa.select(model.id).filter_by(**where)).one()


def test_the_admin_adds_a_district_centre_window_and_clerk_through_the_pages(browser_for, app):
    admin = browser_for("admin")
    page = admin.get("/admin")
    assert page.status_code == 200 and "示范市" in page.get_data(as_text=True)
    assert "机构管理" in page.get_data(as_text=True)
    city = _id(app, Region, code="330100")

    wrong = admin.post("/admin/regions", {"parent_id": city, "level": "district", "code": "330202", "name": "滨江区"})
    html = wrong.get_data(as_text=True)
    assert wrong.status_code == 422
    assert re.search(r'data-field="code"[^>]*>区划代码应以上级区划的 3301 开头', html)
    assert 'value="330202"' in html  # the typed value stays in the form

    created = admin.post("/admin/regions", {"parent_id": city, "level": "district", "code": "330105",
                                            "name": "滨江区"})
    assert created.status_code == 302
    district = _id(app, Region, code="330105")
    centre = admin.post("/admin/centres", {"region_id": district, "code": "330105-ZX", "name": "滨江区政务服务中心",
                                           "kind": "district", "phone": "0571-1234"})
    assert centre.status_code == 302
    centre_id = _id(app, ServiceCentre, code="330105-ZX")
    missing_sector = admin.post("/admin/windows", {"centre_id": centre_id, "code": "W-DC-SS", "name": "社会窗口",
                                                   "kind": "comprehensive", "sector": ""})
    assert missing_sector.status_code == 422
    assert 'data-field="sector"' in missing_sector.get_data(as_text=True)
    assert admin.post("/admin/windows", {"centre_id": centre_id, "code": "W-DC-QK", "name": "全科窗口",
                                         "kind": "general", "sector": "commerce"}).status_code == 302
    window_id = _id(app, Window, code="W-DC-QK")
    form = admin.get(f"/admin/users/new?role=clerk&window_id={window_id}").get_data(as_text=True)
    assert f'<option value="{window_id}" selected' in form
    clerk = admin.post("/admin/users/new", {"username": "clerk_dc_page", "display_name": "滨江全科 页面",
                                            "role": "clerk", "window_id": window_id, "department_id": "",
                                            "password": PASSWORD})
    assert clerk.status_code == 302, clerk.get_data(as_text=True)[:2000]
    detail = admin.get(clerk.headers["Location"]).get_data(as_text=True)
    assert "window:330105-ZX:commerce" in detail and "window:330105-ZX:social" in detail
    with app.app_context():
        user = db.session.scalars(sa.select(User).where(User.username == "clerk_dc_page")).one()
        assert user.window.code == "W-DC-QK" and user.department is None
    staff = admin.get("/admin/users?q=clerk_dc").get_data(as_text=True)
    assert "clerk_dc_page" in staff and "clerk_commerce" not in staff


def test_the_staff_list_pages_and_a_password_reset_names_the_field(browser_for, app):
    admin = browser_for("admin")
    first = admin.get("/admin/users").get_data(as_text=True)
    assert re.search(r"第 1 / [2-9] 页", first)
    assert "下一页" in first
    handler = _id(app, User, username="scjgj_handler")
    weak = admin.post(f"/admin/users/{handler}/password", {"password": "short"})
    assert weak.status_code == 422 and 'data-field="password"' in weak.get_data(as_text=True)
    assert admin.post(f"/admin/users/{handler}/password", {"password": PASSWORD}).status_code == 302


def test_only_admins_reach_the_admin_pages(browser_for):
    for username in ("clerk_commerce", "supervisor", "scjgj_head"):
        browser = browser_for(username)
        assert browser.get("/admin").status_code == 403
        assert browser.get("/admin/users").status_code == 403
        assert "机构管理" not in browser.get("/cases").get_data(as_text=True)


def test_an_admin_starts_on_the_organisation_page_in_either_language(browser):
    response = browser.login("admin")
    assert response.headers["Location"].endswith("/admin")
    assert "新增下级区划" in browser.get("/admin").get_data(as_text=True)
    browser.get("/lang/en?next=/admin")
    english = browser.get("/admin").get_data(as_text=True)
    assert "Add sub-region" in english and "Add service centre" in english and "Organisation" in english
