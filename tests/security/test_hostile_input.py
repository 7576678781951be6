"""Hostile input never costs a 500 or a worker, and never changes anything."""
import logging

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
