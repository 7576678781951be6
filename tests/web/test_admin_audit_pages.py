"""Every administrator action lands in the admin audit log, and the log has a page: paged, filtered by actor,
action, record type and date. Calendar overrides (放假、调休、临时停止办公) are kept on their own page and
audited the same way."""
import datetime as dt

import sqlalchemy as sa

from app.accounts.models import User
from app.admin.models import AdminAuditEntry
from app.extensions import db

PASSWORD = "Passw0rd2026"


def _rows(html):
    return html.split('data-testid="audit-rows"')[1].split("</table>")[0]


def test_creating_changing_deactivating_and_resetting_a_user_are_all_in_the_log(browser_for, app):
    admin = browser_for("admin")
    admin.get("/admin/users/new")
    department = 0
    with app.app_context():
        department = db.session.scalars(sa.select(User.department_id).where(User.username == "scjgj_handler")).one()
    created = admin.post("/admin/users/new", {"username": "scjgj_new", "display_name": "新承办 测试",
                                              "role": "handler", "department_id": department, "password": PASSWORD})
    assert created.status_code == 302, created.get_data(as_text=True)[:1000]
    user_id = int(created.headers["Location"].rstrip("/").split("/")[-1])
    admin.post(f"/admin/users/{user_id}", {"display_name": "新承办 改名", "role": "handler",
                                           "department_id": department})  # no "active": deactivated
    admin.post(f"/admin/users/{user_id}/password", {"password": PASSWORD + "x"})
    with app.app_context():
        entries = db.session.scalars(sa.select(AdminAuditEntry).where(AdminAuditEntry.entity_key == "scjgj_new")
                                     .order_by(AdminAuditEntry.id)).all()
        assert [e.action for e in entries] == ["create", "update", "reset_password"]
        assert entries[1].after["active"] is False and "password_hash" not in str(entries[0].after)
    page = admin.get("/admin/audit?actor=admin&entity_type=user").get_data(as_text=True)
    rows = _rows(page)
    assert rows.count('<span class="mono">scjgj_new</span>') == 3 and "重置密码" in rows and "新承办 改名" in rows
    only_resets = _rows(admin.get("/admin/audit?action=reset_password").get_data(as_text=True))
    assert "重置密码" in only_resets and 'data-action="create"' not in only_resets
    assert "scjgj_new" not in _rows(admin.get("/admin/audit?actor=nobody").get_data(as_text=True))
    assert "scjgj_new" not in _rows(admin.get("/admin/audit?to=2020-01-01").get_data(as_text=True))
    today = dt.date.today()
    window = f"/admin/audit?from={today - dt.timedelta(days=1)}&to={today + dt.timedelta(days=1)}"
    assert "scjgj_new" in _rows(admin.get(window).get_data(as_text=True))


def test_the_log_pages_thirty_rows_at_a_time(browser_for, app):
    with app.app_context():
        admin_id = db.session.scalars(sa.select(User.id).where(User.username == "admin")).one()
        db.session.add_all(AdminAuditEntry(actor_id=admin_id, actor_username="admin", action="update",
                                           entity_type="sector", entity_key=f"S{i:02d}", before={}, after={})
                           for i in range(35))
        db.session.commit()
    admin = browser_for("admin")
    first = admin.get("/admin/audit?entity_type=sector").get_data(as_text=True)
    assert _rows(first).count("<tr data-action") == 30 and "第 1 / 2 页" in first
    second = admin.get("/admin/audit?entity_type=sector&page=2").get_data(as_text=True)
    assert _rows(second).count("<tr data-action") == 5
    assert browser_for("supervisor").get("/admin/audit").status_code == 403


def test_a_calendar_override_is_set_and_removed_on_its_page_and_audited(browser_for):
    admin = browser_for("admin")
    page = admin.get("/admin/calendar")
    assert page.status_code == 200 and 'data-testid="calendar-form"' in page.get_data(as_text=True)
    bad = admin.post("/admin/calendar", {"day": "2026-13-01", "kind": "off"})
    assert bad.status_code == 422 and 'data-field="day"' in bad.get_data(as_text=True)
    assert admin.post("/admin/calendar", {"day": "9999-12-31", "kind": "off"}).status_code == 422
    assert admin.post("/admin/calendar", {"day": "2026-03-04", "kind": "off", "note": "台风停止办公"}).status_code == 302
    listed = admin.get("/admin/calendar?year=2026").get_data(as_text=True)
    assert 'data-day="2026-03-04"' in listed and "台风停止办公" in listed
    admin.post("/admin/calendar", {"day": "2026-03-04", "kind": "working", "note": "改为上班"})
    admin.post("/admin/calendar/2026-03-04/delete")
    assert 'data-day="2026-03-04"' not in admin.get("/admin/calendar").get_data(as_text=True)
    log = _rows(admin.get("/admin/audit?entity_type=calendar_override").get_data(as_text=True))
    assert [a.split('"')[0] for a in log.split('data-action="')[1:]] == ["delete", "update", "create"]
    assert log.count('<span class="mono">2026-03-04</span>') == 3 and "台风停止办公" in log and "改为上班" in log
    assert browser_for("clerk_commerce").get("/admin/calendar").status_code == 403
