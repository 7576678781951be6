"""The schema is made by the alembic migrations only, and they match the models exactly."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.extensions import db


def test_migrations_on_an_empty_database_give_exactly_the_models_schema(app):
    # the session fixture ran `flask db upgrade` on an empty database
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_openapi_document_lists_every_endpoint(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]
    for path, method in [
        ("/api/v1/auth/token", "post"), ("/api/v1/items", "get"), ("/api/v1/items/{code}", "get"),
        ("/api/v1/cases", "post"), ("/api/v1/cases/{case_no}", "get"),
        ("/api/v1/cases/{case_no}/supplement", "post"), ("/api/v1/cases/{case_no}/issue", "post"),
        ("/api/v1/tasks", "get"), ("/api/v1/tasks/{task_id}/complete", "post"),
    ]:
        assert method in paths[path], f"{method.upper()} {path} missing from the OpenAPI document"
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
