"""咨询投诉办理 pages: the desk routes a complaint to the department, the department's handler drafts, its
approver signs off (not the drafter), the desk records the 回访; each sees the step waiting for them, the list
colours the limits and the supervision page lists the near-due ones."""
import datetime as dt
from zoneinfo import ZoneInfo

from tests.feedback.support import submit


def _act(browser, number, step, **form):
    browser.get(f"/feedback-desk/{number}")
    return browser.post(f"/feedback-desk/{number}/{step}", form)


def test_a_complaint_goes_through_the_desk_and_the_department_on_the_pages(client, browser_for):
    number = submit(client)["number"]
    desk = browser_for("supervisor")
    listing = desk.get("/feedback-desk").get_data(as_text=True)
    assert number in listing and "李*" in listing and "13900001111" not in listing
    page = desk.get(f"/feedback-desk/{number}").get_data(as_text=True)
    assert 'data-testid="feedback-action-accept"' in page and "13900001111" in page  # the handler sees the contact

    routed = _act(desk, number, "accept", decision="route", department="SCJGJ", opinion="请核实")
    assert routed.status_code == 302
    handler = browser_for("scjgj_handler")
    assert 'data-testid="nav-feedback-desk"' in handler.get("/inbox").get_data(as_text=True)
    assert number in handler.get("/feedback-desk").get_data(as_text=True)
    empty = _act(handler, number, "draft", decision="draft", answer="")
    assert empty.status_code == 422 and 'data-testid="error-answer"' in empty.get_data(as_text=True)
    assert _act(handler, number, "draft", decision="draft", answer="已责成窗口整改。").status_code == 302
    waiting = handler.get(f"/feedback-desk/{number}").get_data(as_text=True)
    assert 'data-testid="feedback-waiting"' in waiting and "feedback-action-" not in waiting

    approver = browser_for("scjgj_approver")
    assert _act(approver, number, "sign-off", decision="approve", opinion="同意").status_code == 302
    no_grade = _act(desk, number, "visit", note="未接通")
    assert no_grade.status_code == 422 and 'data-testid="error-satisfaction"' in no_grade.get_data(as_text=True)
    assert _act(desk, number, "visit", satisfaction="1", note="电话回访满意").status_code == 302
    closed = desk.get(f"/feedback-desk/{number}").get_data(as_text=True)
    assert 'data-state="closed"' in closed and "非常满意" in closed and "已责成窗口整改。" in closed


def test_another_department_and_the_window_cannot_reach_the_record(client, browser_for):
    number = submit(client)["number"]
    assert browser_for("zjj_handler").get(f"/feedback-desk/{number}").status_code == 404
    assert browser_for("clerk_commerce").get("/feedback-desk").status_code == 403


def test_the_list_filters_by_colour_and_supervision_shows_the_overdue(client, browser_for, case_clock):
    number = submit(client, kind="question", name=None, phone=None)["number"]  # due 9 March
    case_clock.set(dt.datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    desk = browser_for("supervisor")
    red = desk.get("/feedback-desk?colour=red").get_data(as_text=True)
    assert number in red and 'data-colour="red"' in red
    assert number not in desk.get("/feedback-desk?colour=green").get_data(as_text=True)
    supervision = desk.get("/supervision").get_data(as_text=True)
    assert 'data-testid="feedback-watch"' in supervision and number in supervision
