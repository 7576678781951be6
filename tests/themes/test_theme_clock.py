"""One clock for the theme and one per child: 电子监察 sees the theme's own deadline and warning level next to the
children's, and the scheduler's job stores the theme's level."""
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from app.extensions import db
from app.scheduler.jobs import recompute_theme_levels
from app.themes.models import ThemeCase

from .support import BUSINESS_LICENCE, application, children


def test_the_theme_clock_warns_before_its_deadline_while_each_child_keeps_its_own(api, app, case_clock):
    clerk = api.as_user("clerk_commerce")
    theme = clerk.post("/api/v1/themes/cases", json=application()).get_json()
    assert theme["deadline"] == "2026-03-16" and theme["level"] == "green"
    child = clerk.case(children(theme)[BUSINESS_LICENCE]["case_no"])
    assert child["deadline"] == "2026-03-05"  # 市场主体设立登记: 3 working days of its own
    case_clock.set(datetime(2026, 3, 12, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    seen = api.as_user("supervisor").get(f"/api/v1/themes/cases/{theme['theme_no']}").get_json()
    assert seen["level"] == "warning" and seen["remaining"] == 2
    with app.app_context():
        recompute_theme_levels()
        stored = db.session.scalars(sa.select(ThemeCase.warning_level)).one()
    assert stored == "warning"
