"""Hostile input never costs a 500 or a worker, and never changes anything."""
import logging
import re
from pathlib import Path

import sqlalchemy as sa

from app import create_app
from app.cases.models import Case
from tests.support import FOOD_LICENCE, VALID_PERSON


def _case_count(app, db):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Case))


def test_nul_bytes_and_lone_surrogates_anywhere_are_422_naming_the_place_and_change_nothing(api, app, db):
    clerk = api.as_user("clerk_commerce")
    before = _case_count(app, db)
    for applicant in ({**VALID_PERSON, "name": "张\x00三"}, {**VALID_PERSON, "name": "张\ud800"}):
        response = clerk.submit_case(FOOD_LICENCE, applicant=applicant)
        assert response.status_code == 422, response.get_json()
        assert "applicant.name" in response.get_json()["errors"]["json"]
    assert clerk.get("/api/v1/cases", query_string={"q": "a\x00"}).status_code == 422
    assert clerk.get("/api/v1/cases/X%00Y").status_code == 422
    raw = clerk.post("/api/v1/cases", data='{"item_code": "\\ud800"}', content_type="application/json")
    assert raw.status_code == 422 and "item_code" in raw.get_json()["errors"]["json"]
    assert _case_count(app, db) == before


def test_json_nested_a_hundred_thousand_deep_is_refused_without_parsing(api):
    deep = "[" * 100_000 + "]" * 100_000
    response = api.as_user("clerk_commerce").post("/api/v1/cases", data=deep, content_type="application/json")
    assert response.status_code == 422 and "嵌套" in response.get_json()["message"]


def test_an_anonymous_hostile_request_still_learns_only_that_it_must_log_in(client):
    assert client.post("/api/v1/cases", json={"item_code": "\x00"}).status_code == 401


def test_ids_beyond_the_database_integer_range_are_not_found(api):
    admin = api.as_user("admin")
    assert admin.get("/api/v1/admin/regions/99999999999999999999").status_code == 404
    assert admin.get(f"/api/v1/admin/regions/{2**31}").status_code == 404


def test_a_database_that_cannot_be_reached_answers_503_with_retry_after():
    logging.getLogger("app.security.input_guard").setLevel(logging.CRITICAL)
    app = create_app({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://postgres@127.0.0.1:9/nowhere",
                      "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 2}},
                      "SECRET_KEY": "unreachable-" + "a1B2c3D4e5F6g7H8i9J0" * 2, "TESTING": False})
    response = app.test_client().get("/api/v1/items")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30" and "数据库" in response.get_json()["message"]


def test_a_fractional_number_of_days_is_refused_and_does_not_use_up_the_one_extension(api):
    """2.5 working days used to become 2 silently — and the case may be extended only once."""
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    approver = api.as_user("scjgj_approver")
    path = f"/api/v1/cases/{case_no}/extension"
    for days in (2.5, "2.5", True, "2e3", 2 ** 31):
        response = approver.post(path, json={"days": days, "reason": "需现场核查"})
        assert response.status_code == 422, (days, response.get_json())
        assert "days" in response.get_json()["errors"]["json"], days
    assert approver.case(case_no).get("extension") is None
    granted = approver.post(path, json={"days": 3.0, "reason": "需现场核查"})
    assert granted.status_code == 201 and granted.get_json()["days"] == 3


def test_ids_in_a_body_beyond_the_integer_range_are_422_naming_the_field(api):
    admin = api.as_user("admin")
    response = admin.post("/api/v1/admin/users", json={
        "username": "big_id", "display_name": "测试", "role": "handler", "department_id": 2 ** 31,
        "password": "Str0ng!Passw0rd"})
    assert response.status_code == 422, response.get_json()
    assert "department_id" in response.get_json()["errors"]["json"]


def test_no_schema_uses_marshmallows_truncating_integer_or_unbounded_date_field():
    """Every integer of the API and the pages is a WholeNumber and every date an OfficeDate
    (app/schema_fields.py), new schemas included."""
    offenders = [str(path) for path in Path(__file__).resolve().parents[2].joinpath("app").rglob("*.py")
                 if path.name != "schema_fields.py"
                 and re.search(r"\bfields\.(Int|Integer|Date)\(", path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_dates_at_the_ends_of_the_calendar_are_422_and_change_nothing(api):
    supervisor = api.as_user("supervisor")
    for query in ({"from": "0001-01-01", "to": "9999-12-31"}, {"from": "9999-12-31", "to": "9999-12-31"}):
        response = supervisor.get("/api/v1/supervision/statistics", query_string=query)
        assert response.status_code == 422, query
    for query in ({"from": "0001-01-01", "to": "2026-01-01"}, {"from": "2026-01-01", "to": "9999-12-31"}):
        assert supervisor.get("/api/v1/ratings/statistics", query_string=query).status_code == 422, query
    admin = api.as_user("admin")
    for day in ("9999-12-31", "0001-01-01"):
        response = admin.http.put(f"/api/v1/calendar/overrides/{day}", headers=admin.headers,
                                  json={"is_working_day": False, "note": "x"})
        assert response.status_code == 422 and "day" in response.get_json()["errors"]["path"], day
    assert admin.get("/api/v1/calendar/overrides").get_json() == []
