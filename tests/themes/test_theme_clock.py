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


def test_supervision_lists_a_theme_whose_own_clock_warns(api, app, browser_for, case_clock):
    """电子监察 sees the theme's own level on /supervision, beside its member cases; a district's does not."""
    clerk = api.as_user("clerk_commerce")
    theme = clerk.post("/api/v1/themes/cases", json=application()).get_json()
    page = browser_for("supervisor").get("/supervision").get_data(as_text=True)
    assert f'data-theme-no="{theme["theme_no"]}"' not in page  # green: nothing to watch yet
    case_clock.set(datetime(2026, 3, 12, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    with app.app_context():
        recompute_theme_levels()
        db.session.remove()
    page = browser_for("supervisor").get("/supervision").get_data(as_text=True)
    row = page.split(f'data-theme-no="{theme["theme_no"]}"', 1)[1].split("</tr>", 1)[0]
    assert "开办餐饮店" in row and "2026-03-16" in row and "预警" in row
    district = browser_for("supervisor_dongcheng").get("/supervision").get_data(as_text=True)
    assert theme["theme_no"] not in district
