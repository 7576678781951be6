"""Shared steps of the admin stories: the city admin builds a district with its street, centre, window and staff."""
from tests.conftest import DEMO_PASSWORD

NEW_PASSWORD = "Passw0rd2026"


class Admin:
    """An administrator's session over the admin API."""

    def __init__(self, session):
        self.session = session

    def call(self, method, url, json=None, **kwargs):
        return getattr(self.session.http, method)(f"/api/v1/admin{url}", headers=self.session.headers,
                                                  json=json, **kwargs)

    def created(self, url, payload):
        response = self.call("post", url, payload)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def region_id(self, code):
        page = self.call("get", "/regions", query_string={"q": code}).get_json()
        return next(r["id"] for r in page["items"] if r["code"] == code)


def district_with_staff(admin: Admin, code="330105", name="滨江区", admin_username="admin_binjiang"):
    """A district with a 全科窗口 centre, a department and its own admin; returns the ids."""
    city = admin.region_id("330100")
    district = admin.created("/regions", {"code": code, "name": name, "level": "district", "parent_id": city})
    centre = admin.created("/centres", {"code": f"{code}-ZX", "name": f"{name}政务服务中心", "kind": "district",
                                        "region_id": district["id"], "phone": "0571-8888 1234"})
    window = admin.created("/windows", {"centre_id": centre["id"], "code": f"W-{code}-QK", "name": "全科窗口",
                                        "kind": "general"})
    department = admin.created("/departments", {"code": f"D{code}-SCJGJ", "name": f"{name}市场监督管理局",
                                                 "region_id": district["id"]})
    admin.created("/users", {"username": admin_username, "display_name": f"{name}管理员", "role": "admin",
                             "region_id": district["id"], "password": NEW_PASSWORD})
    return {"region": district, "centre": centre, "window": window, "department": department}


def log_in(http, username, password=DEMO_PASSWORD):
    return http.post("/api/v1/auth/token", json={"username": username, "password": password})
