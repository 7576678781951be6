"""The working calendar in the app: deadlines on acceptance follow the statutory holidays, the
administrator's overrides change them, and a year nobody has entered yet is refused clearly."""
from datetime import date

from tests.support import FOOD_LICENCE


def test_a_case_accepted_the_day_before_national_day_2025_is_due_after_the_holiday(api, clock):
    # Oct 1–8 are holidays; Saturday Oct 11 is a make-up working day.
    clock.set(date(2025, 9, 30))
    case = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)  # promised 5, legal 10 working days
    assert case["case_no"].startswith("33010020250930")
    assert case["deadline"] == "2025-10-14"
    assert case["legal_deadline"] == "2025-10-21"
    assert case["clock_state"] == "running"
    assert [e["detail"].get("deadline") for e in case["history"] if e["action"] == "case.accepted"] == ["2025-10-14"]


def test_a_case_accepted_before_a_make_up_sunday_counts_that_sunday(api, clock):
    clock.set(date(2025, 9, 25))  # Thursday; Sunday Sep 28 is worked
    case = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
    assert case["deadline"] == "2025-10-09"  # 26, 28, 29, 30 Sep, 9 Oct


def test_an_admin_closing_the_office_for_a_typhoon_moves_the_deadline_of_cases_accepted_afterwards(api, clock):
    admin = api.as_user("admin")
    response = admin.http.put("/api/v1/calendar/overrides/2025-10-13", headers=admin.headers,
                              json={"is_working_day": False, "note": "台风停止办公"})
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {**response.get_json(), "day": "2025-10-13", "is_working_day": False,
                                   "note": "台风停止办公", "updated_by": "系统管理员"}

    clock.set(date(2025, 9, 30))
    case = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
    assert case["deadline"] == "2025-10-15"

    listed = admin.get("/api/v1/calendar/overrides", query_string={"year": 2025}).get_json()
    assert [(o["day"], o["is_working_day"]) for o in listed] == [("2025-10-13", False)]
    assert admin.get("/api/v1/calendar/overrides", query_string={"year": 2024}).get_json() == []

    assert admin.http.delete("/api/v1/calendar/overrides/2025-10-13", headers=admin.headers).status_code == 204
    assert api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["deadline"] == "2025-10-14"
    assert admin.http.delete("/api/v1/calendar/overrides/2025-10-13", headers=admin.headers).status_code == 404


def test_an_override_can_turn_a_weekend_into_a_working_day(api, clock):
    admin = api.as_user("admin")
    admin.http.put("/api/v1/calendar/overrides/2025-10-12", headers=admin.headers,
                   json={"is_working_day": True, "note": "集中办理日"})
    clock.set(date(2025, 9, 30))
    assert api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["deadline"] == "2025-10-13"


def test_a_deadline_in_a_year_without_holiday_data_is_refused_until_the_admin_maintains_the_calendar(api, clock):
    clerk = api.as_user("clerk_commerce")
    clock.set(date(2026, 12, 28))  # five working days reach into 2027, which chinesecalendar does not know
    response = clerk.submit_case(FOOD_LICENCE)
    assert response.status_code == 409
    body = response.get_json()
    assert "2027年" in body["message"] and "管理员" in body["message"]
    assert body["errors"] == {"calendar": {"missing_year": 2027}}
    assert clerk.get("/api/v1/cases").get_json() == []  # nothing was accepted

    admin = api.as_user("admin")
    admin.http.put("/api/v1/calendar/overrides/2027-01-01", headers=admin.headers,
                   json={"is_working_day": False, "note": "2027年元旦"})
    case = clerk.accept_case(FOOD_LICENCE)
    assert case["deadline"] == "2027-01-05"  # 29, 30, 31 Dec, (1 Jan off), 4, 5 Jan
    assert case["legal_deadline"] == "2027-01-12"


def test_only_an_admin_maintains_the_calendar(api):
    for username in ("clerk_commerce", "supervisor", "scjgj_head"):
        user = api.as_user(username)
        assert user.http.put("/api/v1/calendar/overrides/2025-10-13", headers=user.headers,
                             json={"is_working_day": False}).status_code == 403
        assert user.get("/api/v1/calendar/overrides").status_code == 403
    assert api.app.test_client().get("/api/v1/calendar/overrides").status_code == 401


def test_bad_override_input_is_refused_naming_the_field(api):
    admin = api.as_user("admin")

    def put(day, body):
        return admin.http.put(f"/api/v1/calendar/overrides/{day}", headers=admin.headers, json=body)

    response = put("2025-13-01", {"is_working_day": False})
    assert response.status_code == 422 and "day" in response.get_json()["errors"]["path"]
    response = put("2025-10-13", {"note": "缺少是否上班"})
    assert response.status_code == 422 and "is_working_day" in response.get_json()["errors"]["json"]
    response = put("2025-10-13", {"is_working_day": "maybe"})
    assert response.status_code == 422 and "is_working_day" in response.get_json()["errors"]["json"]
    response = put("2025-10-13", {"is_working_day": False, "note": "长" * 201})
    assert response.status_code == 422 and "note" in response.get_json()["errors"]["json"]
    response = admin.get("/api/v1/calendar/overrides", query_string={"year": "next"})
    assert response.status_code == 422 and "year" in response.get_json()["errors"]["query"]
