"""电子监察 levels: a case accepted on 2025-09-30 (promised 5 → Oct 14, legal 10 → Oct 21) goes green →
warning → yellow → red as the days pass, by the thresholds in rules/supervision.toml; editing the rules file
changes the level without code changes; task lists colour each task by the working days left."""
from datetime import date

import pytest
import sqlalchemy as sa

from tests.support import FOOD_LICENCE


@pytest.fixture()
def case_no(api, clock):
    clock.set(date(2025, 9, 30))
    return api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]


def sweep(api, clock, day):
    clock.set(day, hour=1)
    response = api.as_user("supervisor").post("/api/v1/supervision/recompute")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def level_on(api, clock, case_no, day):
    sweep(api, clock, day)
    return api.as_user("supervisor").case(case_no)["warning_level"]


@pytest.mark.parametrize("day, level", [
    (date(2025, 10, 9), "green"),     # 4 working days left: 10, 11 (make-up Saturday), 13, 14
    (date(2025, 10, 10), "green"),    # 3 left
    (date(2025, 10, 11), "warning"),  # 2 left: the make-up Saturday counts as a working day
    (date(2025, 10, 12), "warning"),  # Sunday: still 2 left
    (date(2025, 10, 14), "warning"),  # due today
    (date(2025, 10, 15), "yellow"),   # 1 working day past the promised limit
    (date(2025, 10, 21), "yellow"),   # the legal limit itself
    (date(2025, 10, 22), "red"),      # 1 working day past the legal limit
])
def test_the_level_follows_the_hunan_rules_in_working_days(api, clock, case_no, day, level):
    assert level_on(api, clock, case_no, day) == level


def test_the_sweep_is_idempotent_and_issues_each_card_once(api, app, clock, case_no):
    first = sweep(api, clock, date(2025, 10, 15))
    assert first["scanned"] == 1 and first["changed"] == 1 and first["cards_issued"] == 1
    assert first["levels"]["yellow"] == 1
    again = sweep(api, clock, date(2025, 10, 16))
    assert again["changed"] == 0 and again["cards_issued"] == 0

    from app.extensions import db
    from app.supervision.services import recompute_levels

    with app.app_context():  # the scheduler job calls the service directly with its own 'now'
        assert recompute_levels(clock.set(date(2025, 10, 22)))["cards_issued"] == 1
        db.session.commit()
        assert recompute_levels(clock.now)["cards_issued"] == 0

    cards = api.as_user("supervisor").get("/api/v1/supervision/cards").get_json()
    assert sorted((c["case_no"], c["level"], c["department"], c["status"]) for c in cards) == [
        (case_no, "red", "SCJGJ", "issued"), (case_no, "yellow", "SCJGJ", "issued")]
    red = next(c for c in cards if c["level"] == "red")
    assert red["reason"] == "红牌：超过法定办结期限（2025-10-21）1个工作日"
    history = api.as_user("supervisor").case(case_no)["history"]
    assert [(e["label"], e["decision"]) for e in history if e["action"] == "supervision.card_issued"] == [
        ("电子监察发牌", "yellow"), ("电子监察发牌", "red")]


def test_a_modified_rules_file_changes_the_level_without_code_changes(api, app, clock, case_no, tmp_path,
                                                                       monkeypatch):
    assert level_on(api, clock, case_no, date(2025, 10, 9)) == "green"  # 4 working days left

    rules = tmp_path / "strict.toml"
    rules.write_text(
        'cards = ["red"]\n'
        '[[case]]\nlevel = "warning"\nlimit = "promised"\nremaining_at_most = 5\n'
        '[[case]]\nlevel = "red"\nlimit = "promised"\nremaining_at_most = -1\n'
        '[[task]]\nlevel = "red"\nlimit = "promised"\nremaining_at_most = 4\n', encoding="utf-8")
    monkeypatch.setitem(app.config, "SUPERVISION_RULES", str(rules))

    assert level_on(api, clock, case_no, date(2025, 10, 9)) == "warning"
    assert api.as_user("scjgj_handler").task_for(case_no)["colour"] == "red"
    assert level_on(api, clock, case_no, date(2025, 10, 15)) == "red"  # no yellow in these rules
    cards = api.as_user("supervisor").get("/api/v1/supervision/cards").get_json()
    assert [c["level"] for c in cards] == ["red"]


def test_a_broken_rules_file_is_reported_clearly(api, app, clock, case_no, tmp_path, monkeypatch):
    rules = tmp_path / "broken.toml"
    rules.write_text('[[case]]\nlevel = "purple"\nlimit = "promised"\nremaining_at_most = 1\n', encoding="utf-8")
    monkeypatch.setitem(app.config, "SUPERVISION_RULES", str(rules))
    response = api.as_user("supervisor").post("/api/v1/supervision/recompute")
    assert response.status_code == 503
    assert "purple" in response.get_json()["message"] and "[[case]]" in response.get_json()["message"]


def test_a_paused_special_procedure_is_measured_against_its_expected_end(api, clock, case_no):
    handler = api.as_user("scjgj_handler")
    clock.set(date(2025, 10, 9))
    response = api.as_user("scjgj_approver").post(f"/api/v1/cases/{case_no}/pauses",
                                                  json={"kind": "hearing", "reason": "举行听证", "expected_days": 2})
    assert response.get_json()["expected_end_on"] == "2025-10-11"  # Oct 10 and make-up Saturday Oct 11
    assert level_on(api, clock, case_no, date(2025, 10, 10)) == "warning"  # 1 day before the hearing ends
    assert level_on(api, clock, case_no, date(2025, 10, 13)) == "yellow"  # 1 working day past its end
    assert level_on(api, clock, case_no, date(2025, 10, 14)) == "red"  # more than 1 day past
    listed = api.as_user("supervisor").get("/api/v1/supervision/cases", query_string={"level": "red"}).get_json()
    assert [(c["case_no"], c["clock_state"], c["procedure_end"]) for c in listed] == [
        (case_no, "paused", "2025-10-11")]
    # the case's own clock stands still from Oct 9 on: Oct 9, 10, 11, 13 and 14 were left when it paused
    assert listed[0]["remaining_working_days"] == 5
    card = api.as_user("supervisor").get("/api/v1/supervision/cards", query_string={"level": "red"}).get_json()[0]
    assert card["reason"] == "红牌：超过特别程序（听证）的预计结束日期2个工作日"


def test_supervisors_list_cases_by_level(api, clock, case_no):
    other = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]  # accepted Sep 30 too
    clock.set(date(2025, 10, 9))
    api.as_user("scjgj_approver").post(f"/api/v1/cases/{other}/extension", json={"days": 10, "reason": "现场核查"})
    sweep(api, clock, date(2025, 10, 15))
    supervisor = api.as_user("supervisor")

    yellow = supervisor.get("/api/v1/supervision/cases", query_string={"level": "yellow"}).get_json()
    assert [(c["case_no"], c["warning_level_label"], c["remaining_working_days"]) for c in yellow] == [
        (case_no, "黄牌", -1)]
    assert supervisor.get("/api/v1/supervision/cases", query_string={"level": "red"}).get_json() == []
    every_level = supervisor.get("/api/v1/supervision/cases").get_json()
    assert [c["case_no"] for c in every_level] == [case_no]  # the extended case is green

    response = supervisor.get("/api/v1/supervision/cases", query_string={"level": "orange"})
    assert response.status_code == 422 and "level" in response.get_json()["errors"]["query"]
    for username in ("clerk_commerce", "scjgj_head"):
        assert api.as_user(username).get("/api/v1/supervision/cases").status_code == 403
        assert api.as_user(username).post("/api/v1/supervision/recompute").status_code == 403


@pytest.mark.parametrize("day, remaining, colour", [
    (date(2025, 10, 9), 4, "green"),
    (date(2025, 10, 10), 3, "green"),
    (date(2025, 10, 13), 1, "yellow"),
    (date(2025, 10, 14), 0, "yellow"),
    (date(2025, 10, 15), -1, "red"),
])
def test_the_task_list_shows_remaining_working_days_and_a_colour(api, clock, case_no, day, remaining, colour):
    clock.set(day)
    task = api.as_user("scjgj_handler").task_for(case_no)
    assert (task["case_deadline"], task["remaining_working_days"], task["colour"]) == ("2025-10-14", remaining,
                                                                                        colour)


def test_a_case_is_measured_again_only_on_the_day_its_level_can_change(api, app, clock, case_no):
    """The sweep costs what changes: measured on Oct 9 (green, 4 days left), the case is next due on
    Oct 11 (the make-up Saturday, 2 left → warning) — nothing to measure on Oct 10."""
    first = sweep(api, clock, date(2025, 10, 9))
    assert first["scanned"] == 1 and first["levels"]["green"] == 1
    from app.cases.models import Case
    from app.extensions import db

    with app.app_context():
        assert db.session.scalar(sa.select(Case.level_check_on).where(Case.case_no == case_no)) == date(2025, 10, 11)
        db.session.remove()
    assert sweep(api, clock, date(2025, 10, 9))["scanned"] == 0  # the same day again
    assert sweep(api, clock, date(2025, 10, 10))["scanned"] == 0
    due = sweep(api, clock, date(2025, 10, 11))
    assert due["scanned"] == 1 and due["changed"] == 1 and due["levels"]["warning"] == 1


def test_an_extension_makes_the_next_sweep_measure_the_case_again(api, clock, case_no):
    assert sweep(api, clock, date(2025, 10, 15))["levels"]["yellow"] == 1  # 1 day past the promised limit
    assert sweep(api, clock, date(2025, 10, 15))["scanned"] == 0
    extended = api.as_user("scjgj_approver").post(f"/api/v1/cases/{case_no}/extension",
                                                  json={"days": 10, "reason": "需现场核查"})
    assert extended.status_code == 201, extended.get_json()
    again = sweep(api, clock, date(2025, 10, 15))
    assert again["scanned"] == 1 and again["levels"]["green"] == 1


def test_the_scheduler_job_measures_many_due_cases_in_committed_batches(api, app, clock, monkeypatch):
    from app.cases.models import Case
    from app.extensions import db
    from app.scheduler import jobs

    clock.set(date(2025, 9, 30))
    clerk = api.as_user("clerk_commerce")
    numbers = [clerk.accept_case(FOOD_LICENCE)["case_no"] for _ in range(5)]
    monkeypatch.setattr(jobs, "LEVELS_BATCH", 2)
    with app.app_context():
        jobs.recompute_warning_levels(clock.set(date(2025, 10, 15), hour=1))
        levels = dict(db.session.execute(sa.select(Case.case_no, Case.warning_level)
                                         .where(Case.case_no.in_(numbers))).all())
        db.session.remove()
    assert set(levels.values()) == {"yellow"} and len(levels) == 5
    cards = api.as_user("supervisor").get("/api/v1/supervision/cards").get_json()
    assert sorted(c["case_no"] for c in cards) == sorted(numbers)
