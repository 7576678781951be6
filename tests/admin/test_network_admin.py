"""Stories of the city's 政务服务管理办公室 administrator building the service network through the API."""
from app.admin.models import AdminAuditEntry
from app.extensions import db
from tests.admin.helpers import NEW_PASSWORD, Admin, district_with_staff, log_in


def test_the_city_admin_builds_a_district_down_to_a_community_station(api, app):
    admin = Admin(api.as_user("admin"))
    ids = district_with_staff(admin)
    street = admin.created("/regions", {"code": "330105001", "name": "滨江街道", "level": "street",
                                        "parent_id": ids["region"]["id"]})
    community = admin.created("/regions", {"code": "330105001003", "name": "和谐社区", "level": "community",
                                           "parent_id": street["id"]})
    assert community["scope_prefix"] == "330105001003"
    station = admin.created("/centres", {"code": "330105001003-ZD", "name": "和谐社区便民服务站", "kind": "station",
                                         "region_id": community["id"], "hours": "周一至周六 8:30-17:00"})
    assert station["kind_label"] == "便民服务站"

    tree = admin.call("get", "/regions/tree").get_json()
    city = next(node for node in tree if node["code"] == "330100")
    district = next(node for node in city["children"] if node["code"] == "330105")
    assert [s["code"] for s in district["children"]] == ["330105001"]
    assert [c["code"] for c in district["children"][0]["children"]] == ["330105001003"]


def test_a_region_code_must_fit_its_level_and_its_parent(api):
    admin = Admin(api.as_user("admin"))
    city = admin.region_id("330100")
    cases = [
        ({"code": "3301051", "level": "district", "parent_id": city}, "code"),      # wrong length
        ({"code": "330200", "level": "district", "parent_id": city}, "code"),       # a city code, not a district
        ({"code": "330202", "level": "district", "parent_id": city}, "code"),       # outside the city's 3301
        ({"code": "330105001", "level": "street", "parent_id": city}, "parent_id"), # a street needs a district
        ({"code": "330105", "level": "district", "parent_id": None}, "parent_id"),  # no parent
        ({"code": "330105", "level": "district", "parent_id": 999999}, "parent_id"),
        ({"code": "33010A", "level": "district", "parent_id": city}, "code"),
    ]
    for payload, field in cases:
        response = admin.call("post", "/regions", {"name": "某区", **payload})
        assert response.status_code == 422, (payload, response.get_json())
        assert field in response.get_json()["errors"]["json"], (payload, response.get_json())


def test_duplicate_codes_are_conflicts_naming_the_field(api):
    admin = Admin(api.as_user("admin"))
    ids = district_with_staff(admin)
    again = admin.call("post", "/regions", {"code": "330105", "name": "滨江区", "level": "district",
                                            "parent_id": admin.region_id("330100")})
    assert again.status_code == 409 and again.get_json()["errors"]["json"] == {"code": ["已存在"]}
    for url, payload in (
        ("/centres", {"code": "330105-ZX", "name": "重复", "kind": "district", "region_id": ids["region"]["id"]}),
        ("/windows", {"code": "W-COMMERCE", "name": "重复", "kind": "general", "centre_id": ids["centre"]["id"]}),
        ("/departments", {"code": "SCJGJ", "name": "重复", "region_id": ids["region"]["id"]}),
        ("/sectors", {"code": "commerce", "name": "重复"}),
        ("/window-kinds", {"code": "general", "name": "重复", "accepts": "all"}),
        ("/users", {"username": "clerk_commerce", "display_name": "重复", "role": "clerk",
                    "window_id": ids["window"]["id"], "password": NEW_PASSWORD}),
    ):
        response = admin.call("post", url, payload)
        assert response.status_code == 409, (url, response.get_json())
        assert set(response.get_json()["errors"]["json"]) <= {"code", "username"}


def test_validation_names_the_field(api):
    admin = Admin(api.as_user("admin"))
    ids = district_with_staff(admin)
    district = ids["region"]["id"]
    cases = [
        ("/centres", {"code": "X1", "name": "某中心", "kind": "street", "region_id": district}, "kind"),
        ("/centres", {"code": "X2", "name": "某分中心", "kind": "branch", "region_id": district}, "parent_centre_id"),
        ("/centres", {"code": "X3", "name": "某中心", "kind": "district", "region_id": district, "phone": "电话"},
         "phone"),
        ("/windows", {"code": "W-X", "name": "综合窗口", "kind": "comprehensive", "centre_id": ids["centre"]["id"]},
         "sector"),
        ("/windows", {"code": "W-Y", "name": "综合窗口", "kind": "comprehensive", "sector": "nope",
                      "centre_id": ids["centre"]["id"]}, "sector"),
        ("/windows", {"code": "W-Z", "name": "窗口", "kind": "nope", "centre_id": ids["centre"]["id"]}, "kind"),
        ("/departments", {"code": "DC-X", "name": "某局", "region_id": district, "credit_code": "91350100M000100Y44"},
         "credit_code"),
        ("/departments", {"code": "dc-x", "name": "某局", "region_id": district}, "code"),
        ("/departments", {"code": "DC-X", "name": "某局", "region_id": district, "review_authority": "police"},
         "review_authority"),
        ("/users", {"username": "clerk_x", "display_name": "某某", "role": "clerk", "password": NEW_PASSWORD},
         "window_id"),
        ("/users", {"username": "clerk_x", "display_name": "某某", "role": "clerk", "window_id": ids["window"]["id"],
                    "department_id": ids["department"]["id"], "password": NEW_PASSWORD}, "department_id"),
        ("/users", {"username": "x_handler", "display_name": "某某", "role": "handler", "password": NEW_PASSWORD},
         "department_id"),
        ("/users", {"username": "clerk_x", "display_name": "某某", "role": "clerk", "window_id": ids["window"]["id"],
                    "password": "short"}, "password"),
        ("/users", {"username": "clerk x", "display_name": "某某", "role": "clerk", "window_id": ids["window"]["id"],
                    "password": NEW_PASSWORD}, "username"),
    ]
    for url, payload, field in cases:
        response = admin.call("post", url, payload)
        assert response.status_code == 422, (url, payload, response.get_json())
        assert field in response.get_json()["errors"]["json"], (url, payload, response.get_json())


def test_a_department_keeps_a_valid_credit_code_and_its_review_authority(api):
    admin = Admin(api.as_user("admin"))
    department = admin.created("/departments", {
        "code": "SFJ2", "name": "示范市司法局", "short_name": "市司法局", "region_id": admin.region_id("330100"),
        "credit_code": "91350100m000100y43", "review_authority": "justice"})
    assert department["credit_code"] == "91350100M000100Y43" and department["review_authority"] == "justice"


def test_a_region_is_renamed_and_deactivated_after_its_children(api):
    admin = Admin(api.as_user("admin"))
    ids = district_with_staff(admin)
    street = admin.created("/regions", {"code": "330105002", "name": "西湖街道", "level": "street",
                                        "parent_id": ids["region"]["id"]})
    district_url = f"/regions/{ids['region']['id']}"
    assert admin.call("patch", district_url, {"name": "滨江区（新）"}).get_json()["name"] == "滨江区（新）"
    refused = admin.call("patch", district_url, {"active": False})
    assert refused.status_code == 409 and "active" in refused.get_json()["errors"]["json"]
    assert admin.call("patch", f"/regions/{street['id']}", {"active": False}).get_json()["active"] is False
    assert admin.call("patch", district_url, {"active": False}).get_json()["active"] is False
    blocked = admin.call("post", "/centres", {"code": "X9", "name": "某中心", "kind": "district",
                                              "region_id": ids["region"]["id"]})
    assert blocked.status_code == 422 and "region_id" in blocked.get_json()["errors"]["json"]


def test_lists_are_paged_and_searched_on_the_server(api):
    admin = Admin(api.as_user("admin"))
    first = admin.call("get", "/users", query_string={"per_page": 5}).get_json()
    second = admin.call("get", "/users", query_string={"per_page": 5, "page": 2}).get_json()
    assert len(first["items"]) == 5 and first["total"] > 10 and first["pages"] == -(-first["total"] // 5)
    assert not {u["username"] for u in first["items"]} & {u["username"] for u in second["items"]}
    found = admin.call("get", "/users", query_string={"q": "scjgj_"}).get_json()
    usernames = {u["username"] for u in found["items"]}
    assert {"scjgj_approver", "scjgj_handler", "scjgj_head", "scjgj_reviewer"} <= usernames
    assert all("scjgj_" in name for name in usernames) and "zjj_handler" not in usernames
    assert all("password" not in key for user in found["items"] for key in user)
    windows = admin.call("get", "/windows", query_string={"q": "商事"}).get_json()
    assert "W-COMMERCE" in [w["code"] for w in windows["items"]]
    assert all("商事" in w["name"] for w in windows["items"])
    too_many = admin.call("get", "/users", query_string={"per_page": 1000})
    assert too_many.status_code == 422 and "per_page" in too_many.get_json()["errors"]["query"]


def test_a_district_admin_manages_only_inside_the_district(api, app):
    admin = Admin(api.as_user("admin"))
    east = district_with_staff(admin)
    west = district_with_staff(admin, "330106", "南湖区", "admin_nanhu")
    token = log_in(app.test_client(), "admin_binjiang", NEW_PASSWORD).get_json()["token"]
    session = api.as_user("admin")
    session.token = token
    east_admin = Admin(session)

    assert east_admin.created("/regions", {"code": "330105003", "name": "东湖街道", "level": "street",
                                           "parent_id": east["region"]["id"]})
    assert east_admin.created("/users", {"username": "clerk_dc2", "display_name": "滨江窗口 甲", "role": "clerk",
                                         "window_id": east["window"]["id"], "password": NEW_PASSWORD})
    refusals = [
        ("post", "/regions", {"code": "330106003", "name": "西湖街道", "level": "street",
                              "parent_id": west["region"]["id"]}),
        ("patch", f"/regions/{west['region']['id']}", {"name": "改名"}),
        ("patch", f"/regions/{east['region']['id']}", {"name": "自己改名"}),  # its own record is the city's
        ("patch", f"/centres/{west['centre']['id']}", {"hours": "全天"}),
        ("post", "/windows", {"code": "W-X", "name": "窗口", "kind": "general", "centre_id": west["centre"]["id"]}),
        ("patch", f"/departments/{west['department']['id']}", {"short_name": "南湖"}),
        ("post", "/users", {"username": "clerk_xc2", "display_name": "某某", "role": "clerk",
                            "window_id": west["window"]["id"], "password": NEW_PASSWORD}),
        ("post", "/users", {"username": "spy", "display_name": "某某", "role": "supervisor",
                            "region_id": admin.region_id("330100"), "password": NEW_PASSWORD}),
        ("post", "/sectors", {"code": "tax", "name": "税务"}),
    ]
    for method, url, payload in refusals:
        response = east_admin.call(method, url, payload)
        assert response.status_code == 403, (method, url, response.get_json())

    seen = east_admin.call("get", "/users", query_string={"per_page": 100}).get_json()
    assert {u["username"] for u in seen["items"]} == {"admin_binjiang", "clerk_dc2"}
    centres = east_admin.call("get", "/centres").get_json()
    assert [c["code"] for c in centres["items"]] == ["330105-ZX"]
    tree = east_admin.call("get", "/regions/tree").get_json()
    assert [node["code"] for node in tree] == ["330105"]
    audit = east_admin.call("get", "/audit", query_string={"per_page": 100}).get_json()
    assert audit["items"] and all(row["region_code"].startswith("330105") for row in audit["items"])


def test_non_admins_are_refused(api):
    for username in ("clerk_commerce", "scjgj_approver", "supervisor", "designer"):
        session = api.as_user(username)
        for method, url in (("get", "/users"), ("get", "/regions/tree"), ("post", "/regions")):
            response = getattr(session.http, method)(f"/api/v1/admin{url}", headers=session.headers, json={})
            assert response.status_code == 403, (username, url)
    assert api.as_user("admin").http.get("/api/v1/admin/users").status_code == 401


def test_every_change_is_audited_with_before_and_after(api, app):
    admin = Admin(api.as_user("admin"))
    ids = district_with_staff(admin)
    admin.call("patch", f"/centres/{ids['centre']['id']}", {"hours": "周一至周五 9:00-17:00"})
    rows = admin.call("get", "/audit", query_string={"entity_type": "centre"}).get_json()["items"]
    change = rows[0]
    assert change["action"] == "update" and change["actor"] == "admin" and change["entity_key"] == "330105-ZX"
    assert change["before"] == {"hours": ""} and change["after"] == {"hours": "周一至周五 9:00-17:00"}
    with app.app_context():
        entries = db.session.query(AdminAuditEntry).all()
        assert {(e.action, e.entity_type) for e in entries} >= {
            ("create", "region"), ("create", "centre"), ("create", "window"), ("create", "department"),
            ("create", "user"), ("update", "centre")}
        assert all("password_hash" not in (e.after or {}) for e in entries)
        assert all(NEW_PASSWORD not in str(e.after) for e in entries)


def test_the_city_admin_adds_a_sector_and_a_professional_window_kind(api):
    admin = Admin(api.as_user("admin"))
    admin.created("/sectors", {"code": "tax", "name": "税务", "position": 6})
    admin.created("/window-kinds", {"code": "tax_professional", "name": "税务专业窗口", "accepts": "sector"})
    sectors = admin.call("get", "/sectors", query_string={"q": "税"}).get_json()
    assert [s["code"] for s in sectors["items"]] == ["tax"]
    renamed = admin.call("patch", "/sectors/tax", {"name": "税务服务"}).get_json()
    assert renamed["name"] == "税务服务"
    kinds = admin.call("get", "/window-kinds", query_string={"per_page": 100}).get_json()
    assert {"general", "tax_professional"} <= {k["code"] for k in kinds["items"]}
    bad = admin.call("post", "/window-kinds", {"code": "x", "name": "某窗口", "accepts": "some"})
    assert bad.status_code == 422 and "accepts" in bad.get_json()["errors"]["json"]
