"""The calendar, clock and supervision endpoints are in the OpenAPI document, with bearer security."""


def test_calendar_clock_and_supervision_endpoints_are_documented(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path, method in [
        ("/api/v1/calendar/overrides", "get"), ("/api/v1/calendar/overrides/{day}", "put"),
        ("/api/v1/calendar/overrides/{day}", "delete"),
        ("/api/v1/cases/{case_no}/pauses", "get"), ("/api/v1/cases/{case_no}/pauses", "post"),
        ("/api/v1/cases/{case_no}/pauses/{pause_id}/end", "post"), ("/api/v1/cases/{case_no}/extension", "post"),
        ("/api/v1/supervision/cases", "get"), ("/api/v1/supervision/recompute", "post"),
        ("/api/v1/supervision/cards", "get"), ("/api/v1/supervision/cards/{card_id}/appeal", "post"),
        ("/api/v1/supervision/cards/{card_id}/decision", "post"), ("/api/v1/supervision/statistics", "get"),
    ]:
        operation = paths[path][method]
        assert operation["security"] == [{"bearerAuth": []}], f"{method.upper()} {path}"
        assert operation["summary"], f"{method.upper()} {path} has no summary"
    statistics = paths["/api/v1/supervision/statistics"]["get"]
    assert {p["name"] for p in statistics["parameters"]} >= {"from", "to"}
    task = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["Task"]["properties"]
    assert {"remaining_working_days", "colour"} <= set(task)
