"""Stories of staff accounts: the administrator creates, changes, deactivates them and resets passwords."""
from tests.admin.helpers import NEW_PASSWORD, Admin, district_with_staff, log_in


def test_a_created_general_window_clerk_logs_in_with_every_sector_of_the_centre(api, app):
    admin = Admin(api.as_user("admin"))
    ids = district_with_staff(admin)
    clerk = admin.created("/users", {"username": "clerk_dc_new", "display_name": "滨江全科 陈敏", "role": "clerk",
                                     "window_id": ids["window"]["id"], "password": NEW_PASSWORD})
    assert clerk["window"]["code"] == "W-330105-QK" and clerk["scope_region_code"] == "330105"
    assert "password" not in clerk and "password_hash" not in clerk

    login = log_in(app.test_client(), "clerk_dc_new", NEW_PASSWORD)
    assert login.status_code == 201
    groups = set(login.get_json()["user"]["groups"])
    assert groups == {"role:clerk", *(f"window:330105-ZX:{s}" for s in
                                     ("economy", "construction", "social", "commerce", "public_security"))}


def test_a_sector_clerk_and_department_staff_get_their_groups(api, app):
    admin = Admin(api.as_user("admin"))
    ids = district_with_staff(admin)
    window = admin.created("/windows", {"centre_id": ids["centre"]["id"], "code": "W-330105-SS", "name": "社会服务综合窗口",
                                        "kind": "comprehensive", "sector": "social"})
    admin.created("/users", {"username": "clerk_dc_social", "display_name": "滨江社会 甲", "role": "clerk",
                             "window_id": window["id"], "password": NEW_PASSWORD})
    handler = admin.created("/users", {"username": "dc_new_handler", "display_name": "滨江承办 乙", "role": "handler",
                                       "department_id": ids["department"]["id"], "password": NEW_PASSWORD})
    assert set(handler["groups"]) == {"role:handler", "D330105-SCJGJ:handler"}
    login = log_in(app.test_client(), "clerk_dc_social", NEW_PASSWORD).get_json()
    assert set(login["user"]["groups"]) == {"role:clerk", "window:330105-ZX:social"}


def test_a_deactivated_account_cannot_log_in_and_its_token_stops_working(api, app):
    admin = Admin(api.as_user("admin"))
    clerk = api.as_user("clerk_commerce")
    assert clerk.get("/api/v1/auth/me").status_code == 200
    user_id = admin.call("get", "/users", query_string={"q": "clerk_commerce"}).get_json()["items"][0]["id"]
    changed = admin.call("patch", f"/users/{user_id}", {"active": False})
    assert changed.status_code == 200 and changed.get_json()["active"] is False
    assert clerk.get("/api/v1/auth/me").status_code == 401
    assert log_in(app.test_client(), "clerk_commerce").status_code == 401
    me = admin.call("get", "/users", query_string={"q": "admin", "role": "admin"}).get_json()["items"][0]
    refused = admin.call("patch", f"/users/{me['id']}", {"active": False})
    assert refused.status_code == 422 and "active" in refused.get_json()["errors"]["json"]


def test_a_password_reset_replaces_the_password_and_is_audited_without_it(api, app):
    admin = Admin(api.as_user("admin"))
    found = admin.call("get", "/users", query_string={"q": "scjgj_handler"}).get_json()["items"]
    user_id = next(u["id"] for u in found if u["username"] == "scjgj_handler")  # not dc_/xc_scjgj_handler
    weak = admin.call("post", f"/users/{user_id}/password", {"password": "abcdefgh"})
    assert weak.status_code == 422 and "password" in weak.get_json()["errors"]["json"]
    assert admin.call("post", f"/users/{user_id}/password", {"password": NEW_PASSWORD}).status_code == 204
    assert log_in(app.test_client(), "scjgj_handler").status_code == 401
    assert log_in(app.test_client(), "scjgj_handler", NEW_PASSWORD).status_code == 201
    rows = admin.call("get", "/audit", query_string={"entity_key": "scjgj_handler"}).get_json()["items"]
    assert rows[0]["action"] == "reset_password" and rows[0]["after"] == {"password_reset": True}
    assert NEW_PASSWORD not in str(rows)


def test_moving_a_clerk_to_a_department_role_takes_the_new_assignment(api):
    admin = Admin(api.as_user("admin"))
    ids = district_with_staff(admin)
    clerk = admin.created("/users", {"username": "clerk_mover", "display_name": "调岗 丙", "role": "clerk",
                                     "window_id": ids["window"]["id"], "password": NEW_PASSWORD})
    half = admin.call("patch", f"/users/{clerk['id']}", {"role": "reviewer"})
    assert half.status_code == 422 and "department_id" in half.get_json()["errors"]["json"]
    moved = admin.call("patch", f"/users/{clerk['id']}", {"role": "reviewer",
                                                         "department_id": ids["department"]["id"]}).get_json()
    assert moved["window"] is None and moved["department"]["code"] == "D330105-SCJGJ"
    assert set(moved["groups"]) == {"role:reviewer", "D330105-SCJGJ:reviewer"}
    staff = admin.call("get", "/users", query_string={"department_id": ids["department"]["id"]}).get_json()
    assert [u["username"] for u in staff["items"]] == ["clerk_mover"]
