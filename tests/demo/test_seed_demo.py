"""`flask seed-demo` gives a usable demo on the day it is run, including deadlines that reach into a year
whose official holiday notice is not loaded yet (provisional calendar adjustments, marked as such)."""
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from app.calendar.models import CalendarOverride
from tests.support import JOINT_ACCEPTANCE, VALID_COMPANY


def test_seed_demo_is_idempotent_and_loads_the_provisional_2027_calendar(app, db):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0 and "已存在" in second.output
    with app.app_context():
        days = db.session.scalars(sa.select(CalendarOverride).order_by(CalendarOverride.day)).all()
    assert days[0].day.isoformat() == "2027-01-01" and not days[0].is_working_day
    assert all("暂定" in d.note for d in days)


def test_after_seed_demo_a_joint_case_accepted_in_late_2026_gets_a_legal_deadline_in_2027(app, api, case_clock):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    case_clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    case = api.as_user("clerk_construction").accept_case(
        JOINT_ACCEPTANCE, applicant=VALID_COMPANY, materials=["M01", "M02", "M03", "M04"])
    assert case["deadline"] == "2026-12-14"  # 15 working days, all in 2026
    assert case["legal_deadline"].startswith("2027-")  # 45 working days, counted with the provisional days
