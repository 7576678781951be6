"""Statistics per department and period: accepted, finished (decided), on-time rate, overdue count and the
average working days used (pauses not counted)."""
from datetime import date

from tests.support import FOOD_LICENCE


def decide_all(api, case_no):
    for user in ("scjgj_handler", "scjgj_reviewer", "scjgj_approver"):
        api.as_user(user).decide(case_no)


def test_department_figures_for_october_2025(api, clock):
    clerk = api.as_user("clerk_commerce")
    clock.set(date(2025, 9, 30))
    on_time = clerk.accept_case(FOOD_LICENCE)["case_no"]  # due Oct 14
    late = clerk.accept_case(FOOD_LICENCE)["case_no"]  # due Oct 14
    clock.set(date(2025, 10, 9))
    still_open = clerk.accept_case(FOOD_LICENCE)["case_no"]  # due Oct 15, never decided
    handler = api.as_user("scjgj_handler")
    pause_id = api.as_user("scjgj_approver").post(f"/api/v1/cases/{on_time}/pauses",
                                                  json={"kind": "site_survey", "reason": "现场勘验"}).get_json()["id"]
    clock.set(date(2025, 10, 10))
    handler.post(f"/api/v1/cases/{on_time}/pauses/{pause_id}/end", json={"note": "勘验完毕"})  # Oct 9 paused
    decide_all(api, on_time)  # Oct 10: used Oct 9 + Oct 10 − 1 paused = 1 working day
    clock.set(date(2025, 10, 16))
    decide_all(api, late)  # used Oct 9, 10, 11, 13, 14, 15, 16 = 7 working days, 2 past the deadline
    api.as_user("clerk_construction").accept_case("330100-XK-002")  # 住建局, accepted Oct 16

    clock.set(date(2025, 11, 3))
    response = api.as_user("supervisor").get("/api/v1/supervision/statistics",
                                             query_string={"from": "2025-10-01", "to": "2025-10-31"})
    assert response.status_code == 200, response.get_json()
    figures = {row["department"]: row for row in response.get_json()}
    assert figures["SCJGJ"] == {
        "department": "SCJGJ", "department_name": "示范市市场监督管理局",
        "accepted": 1,  # the two cases of Sep 30 were accepted before the period
        "finished": 2, "on_time": 1, "on_time_rate": 0.5,
        "overdue": 2,  # the late decision and the case still open past its Oct 15 deadline
        "average_working_days_used": 4.0,
    }
    assert figures["ZJJ"]["accepted"] == 1 and figures["ZJJ"]["finished"] == 0
    assert figures["ZJJ"]["on_time_rate"] is None and figures["ZJJ"]["average_working_days_used"] is None
    assert figures["ZJJ"]["overdue"] == 1  # 3 working days from Oct 16: due Oct 21
    assert figures["WJW"]["accepted"] == 0

    september = api.as_user("supervisor").get("/api/v1/supervision/statistics",
                                              query_string={"from": "2025-09-01", "to": "2025-09-30"}).get_json()
    scjgj = next(row for row in september if row["department"] == "SCJGJ")
    assert (scjgj["accepted"], scjgj["finished"], scjgj["overdue"]) == (2, 0, 0)
    assert still_open


def test_statistics_need_a_valid_period_and_a_supervisor(api):
    supervisor = api.as_user("supervisor")
    response = supervisor.get("/api/v1/supervision/statistics", query_string={"to": "2025-10-31"})
    assert response.status_code == 422 and "from" in response.get_json()["errors"]["query"]
    response = supervisor.get("/api/v1/supervision/statistics", query_string={"from": "2025-10-31", "to": "2025-10-01"})
    assert response.status_code == 422 and "to" in response.get_json()["errors"]["query"]
    response = supervisor.get("/api/v1/supervision/statistics", query_string={"from": "yesterday", "to": "2025-10-01"})
    assert response.status_code == 422 and "from" in response.get_json()["errors"]["query"]
    for username in ("clerk_commerce", "scjgj_head"):
        response = api.as_user(username).get("/api/v1/supervision/statistics",
                                              query_string={"from": "2025-10-01", "to": "2025-10-31"})
        assert response.status_code == 403
