"""The window clerk's day in a real browser (issue 13): the clerk finds a case from last month by the
applicant's phone suffix on page 3 of the results and issues it to a named recipient after the ID check."""
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from app.cases.models import Case
from app.demo.bulk import seed_cases
from tests.support import FOOD_LICENCE

from .conftest import log_in, screenshot

PHONE = "13700009876"
CHINA = timezone(timedelta(hours=8))


def _case_on_page_three(app):
    """Seed the demo with 食品经营许可 cases whose applicants share one phone, received over the four weeks
    before today (2026-03-02 in tests); move one awaiting issue to the 45th place of the newest-first list."""
    from app.extensions import db

    with app.app_context():
        seed_cases(75, weeks=4, seed=7, phone=PHONE, items=(FOOD_LICENCE,))
        db.session.commit()
        target = db.session.scalars(sa.select(Case).where(Case.status == "awaiting_issue")
                                    .order_by(Case.received_at)).first()
        february = (datetime(2026, 2, 1, tzinfo=CHINA), datetime(2026, 3, 1, tzinfo=CHINA))
        others = db.session.scalars(sa.select(Case.received_at).where(
            Case.applicant_phone == PHONE, Case.id != target.id, Case.received_at >= february[0],
            Case.received_at < february[1]).order_by(Case.received_at.desc())).all()
        target.received_at = others[44] - timedelta(seconds=1)  # the 46th of February's: row 6 of page 3
        assert target.received_at.astimezone(CHINA).month == 2
        db.session.commit()
        found = target.case_no, target.applicant_name, target.applicant_id_number
        db.session.remove()
    return found


def test_the_clerk_finds_last_months_case_by_phone_suffix_on_page_three_and_issues_it(page, app, api):
    case_no, applicant, id_number = _case_on_page_three(app)
    log_in(page, "clerk_commerce")
    page.get_by_test_id("nav-cases").click()
    page.get_by_test_id("filter-suffix").fill(PHONE[-4:])
    page.get_by_test_id("filter-from").fill("2026-02-01")
    page.get_by_test_id("filter-to").fill("2026-02-28")
    page.get_by_test_id("search").click()
    assert page.get_by_test_id("page-summary").inner_text().startswith("第 1–20 条")
    assert page.locator(f"tr[data-case-no='{case_no}']").count() == 0
    page.get_by_test_id("page-3").click()
    row = page.locator(f"tr[data-case-no='{case_no}']")
    assert row.is_visible() and "待出件" in row.inner_text()
    screenshot(page, "clerk-finds-case-on-page-3")
    row.get_by_test_id("issue-case").click()

    page.get_by_label("领取人 / 签收人").fill(applicant)
    wrong = id_number[:-1] + ("0" if id_number[-1] != "0" else "1")
    page.get_by_label("领取人身份证号码").fill(wrong)
    page.get_by_role("button", name="确认出件").click()
    errors = page.locator(".error[data-field=recipient_id_number]")
    assert errors.count() == 1 and "领取人身份证号码有误" in errors.inner_text()
    page.get_by_label("领取人身份证号码").fill(id_number)
    screenshot(page, "clerk-checks-the-recipient")
    page.get_by_role("button", name="确认出件").click()

    assert f"办件 {case_no} 已出件" in page.locator(".flash-success").inner_text()
    assert page.locator(f"tr[data-case-no='{case_no}']").count() == 0  # no longer awaiting issue
    case = api.as_user("clerk_commerce").case(case_no)
    assert case["status"] == "finished"
    assert not page.js_errors
