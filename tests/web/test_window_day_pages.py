"""The window clerk's and the approver's day through the pages and the API: batch 签收 all or nothing, 出件 only
to a checked recipient (422 naming the field), batch 出件 to one recipient, 即办件 kept apart from the cases sent
back, 今日收件 and 我的今日工作, and `flask seed-demo --cases N`."""
import re

import sqlalchemy as sa

from app.accounts.models import User
from app.accounts.services import hash_password
from app.cases.models import Case, CaseEvent
from app.licences.models import CaseDelivery
from app.network.models import Department
from app.tasks.models import HumanTask
from tests.conftest import DEMO_PASSWORD
from tests.support import INSTANT_CHANGE, VALID_COMPANY, VALID_PERSON

OTHER_PERSON_ID = "110101199003078515"  # a valid citizen ID that is not the applicant's


def _ready_task_ids(app, case_nos):
    from app.extensions import db

    with app.app_context():
        rows = db.session.execute(sa.select(Case.case_no, HumanTask.id).join(HumanTask).where(
            Case.case_no.in_(case_nos), HumanTask.state == "ready")).all()
        db.session.remove()
    return {case_no: task_id for case_no, task_id in rows}


def _second_handler(app):
    from app.extensions import db

    with app.app_context():
        department = db.session.scalars(sa.select(Department).where(Department.code == "SCJGJ")).one()
        db.session.add(User(username="scjgj_handler2", display_name="周工", role="handler",
                            password_hash=hash_password(DEMO_PASSWORD), department=department))
        db.session.commit()


def test_an_approver_claims_three_tasks_at_once_and_colleagues_no_longer_see_them(app, api, browser_for):
    _second_handler(app)
    clerk = api.as_user("clerk_commerce")
    numbers = [clerk.accept_case()["case_no"] for _ in range(4)]
    tasks = _ready_task_ids(app, numbers)
    handler = browser_for("scjgj_handler")
    handler.get("/inbox")
    response = handler.post("/inbox/claim", {"task_ids": [tasks[n] for n in numbers[:3]],
                                             "return_to": "/inbox?colour=green"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/inbox?colour=green")
    page = handler.get("/inbox").get_data(as_text=True)
    assert "已签收 3 项任务" in page and page.count('data-testid="claimed"') == 3
    colleague = browser_for("scjgj_handler2").get("/inbox").get_data(as_text=True)
    assert numbers[3] in colleague and not any(n in colleague for n in numbers[:3])
    history = api.as_user("scjgj_reviewer").case(numbers[0])["history"]
    assert any(e["action"] == "task.claimed" and e["label"] == "签收任务" for e in history)


def test_a_batch_claim_with_one_refused_task_claims_none_and_names_it(app, api, browser_for):
    _second_handler(app)
    clerk = api.as_user("clerk_commerce")
    numbers = [clerk.accept_case()["case_no"] for _ in range(3)]
    tasks = _ready_task_ids(app, numbers)
    colleague = browser_for("scjgj_handler2")
    colleague.get("/inbox")
    assert colleague.post("/inbox/claim", {"task_ids": [tasks[numbers[1]]]}).status_code == 302

    handler = browser_for("scjgj_handler")
    handler.get("/inbox")
    response = handler.post("/inbox/claim", {"task_ids": [tasks[n] for n in numbers]})
    page = handler.get(response.headers["Location"]).get_data(as_text=True)
    assert f"办件 {numbers[1]}" in page and "所选任务均未签收" in page
    from app.extensions import db
    with app.app_context():
        assignees = dict(db.session.execute(sa.select(HumanTask.id, HumanTask.assignee).where(
            HumanTask.id.in_(tasks.values()))).all())
    assert assignees == {tasks[numbers[0]]: None, tasks[numbers[1]]: "scjgj_handler2", tasks[numbers[2]]: None}
    assert "请先勾选" in handler.get(handler.post("/inbox/claim", {}).headers["Location"]).get_data(as_text=True)


# -- 出件 ----------------------------------------------------------------------------------------------------
def _ready_for_issue(api, applicant=VALID_PERSON, **extra):
    case_no = api.as_user("clerk_commerce").accept_case(applicant=applicant, **extra)["case_no"]
    for username in ("scjgj_handler", "scjgj_reviewer", "scjgj_approver"):
        api.as_user(username).decide(case_no)
    return case_no


def _field_errors(response):
    return response.get_json()["errors"]["json"]


def test_issuing_at_the_window_needs_a_named_recipient_whose_id_is_checked(app, api):
    case_no = _ready_for_issue(api)
    clerk = api.as_user("clerk_commerce")
    url = f"/api/v1/cases/{case_no}/issue"
    empty = clerk.post(url, json={"method": "window", "recipient": "", "recipient_id_number": VALID_PERSON["id_number"]})
    assert empty.status_code == 422 and "recipient" in _field_errors(empty)
    no_id = clerk.post(url, json={"method": "window", "recipient": "张三"})
    assert no_id.status_code == 422 and "recipient_id_number" in _field_errors(no_id)
    bad_id = clerk.post(url, json={"method": "window", "recipient": "张三", "recipient_id_number": "110105194912310021"})
    assert bad_id.status_code == 422 and "校验位" in _field_errors(bad_id)["recipient_id_number"][0]
    stranger = clerk.post(url, json={"method": "window", "recipient": "李四", "recipient_id_number": OTHER_PERSON_ID})
    assert stranger.status_code == 422 and "授权委托书" in _field_errors(stranger)["authorised"][0]
    assert clerk.case(case_no)["status"] == "awaiting_issue"  # nothing was half-written

    done = clerk.post(url, json={"method": "window", "recipient": "张三",
                                 "recipient_id_number": VALID_PERSON["id_number"].lower()})
    assert done.status_code == 200 and done.get_json()["status"] == "finished"
    from app.extensions import db
    with app.app_context():
        delivery = db.session.scalars(sa.select(CaseDelivery).join(Case).where(Case.case_no == case_no)).one()
        event = db.session.scalars(sa.select(CaseEvent).join(Case).where(
            Case.case_no == case_no, CaseEvent.action == "case.issued")).one()
    assert delivery.recipient == "张三" and delivery.recipient_id_suffix == "002X"
    assert VALID_PERSON["id_number"] not in str(event.detail)  # only the last 4 characters are kept


def test_an_organisations_result_goes_to_a_person_holding_its_power_of_attorney(api):
    case_no = _ready_for_issue(api, applicant=VALID_COMPANY)
    clerk = api.as_user("clerk_commerce")
    url = f"/api/v1/cases/{case_no}/issue"
    refused = clerk.post(url, json={"method": "window", "recipient": "王五", "recipient_id_number": OTHER_PERSON_ID})
    assert refused.status_code == 422 and "authorised" in _field_errors(refused)
    done = clerk.post(url, json={"method": "window", "recipient": "王五", "recipient_id_number": OTHER_PERSON_ID,
                                 "authorised": True})
    assert done.status_code == 200


def test_the_window_issues_several_ready_cases_to_one_recipient_or_none(app, api, browser_for):
    ready = [_ready_for_issue(api) for _ in range(2)]
    running = api.as_user("clerk_commerce").accept_case()["case_no"]
    clerk = browser_for("clerk_commerce")
    page = clerk.get("/window/issuance").get_data(as_text=True)
    assert all(n in page for n in ready) and running not in page

    mixed = clerk.post("/window/issuance/batch", {"case_nos": [*ready, running], "recipient": "张三",
                                                  "recipient_id_number": VALID_PERSON["id_number"]})
    assert mixed.status_code == 422 and f"办件 {running}" in mixed.get_data(as_text=True)
    no_id = clerk.post("/window/issuance/batch", {"case_nos": ready, "recipient": "张三"})
    assert no_id.status_code == 422 and 'data-field="recipient_id_number"' in no_id.get_data(as_text=True)
    assert all(api.as_user("clerk_commerce").case(n)["status"] == "awaiting_issue" for n in ready)

    done = clerk.post("/window/issuance/batch", {"case_nos": ready, "recipient": "张三",
                                                 "recipient_id_number": VALID_PERSON["id_number"]})
    assert done.status_code == 302
    assert "已出件 2 件" in clerk.get(done.headers["Location"]).get_data(as_text=True)
    assert all(api.as_user("clerk_commerce").case(n)["status"] == "finished" for n in ready)


def test_the_issue_page_refuses_an_empty_recipient_naming_the_field(api, browser_for):
    case_no = _ready_for_issue(api)
    clerk = browser_for("clerk_commerce")
    clerk.get(f"/window/cases/{case_no}/issue")
    response = clerk.post(f"/window/cases/{case_no}/issue", {"method": "window", "recipient": ""})
    assert response.status_code == 422 and 'data-field="recipient"' in response.get_data(as_text=True)


# -- 即办件, 今日收件, 我的今日工作 -------------------------------------------------------------------------------
def test_an_instant_case_is_listed_as_such_and_deciding_it_lands_on_its_case_page(app, api, browser_for):
    case_no = api.as_user("clerk_commerce").accept_case(INSTANT_CHANGE, materials=["M01", "M02"])["case_no"]
    clerk = browser_for("clerk_commerce")
    window = clerk.get("/window").get_data(as_text=True)
    instant = window.split('data-testid="instant-tasks"')[1].split("</table>")[0]
    assert case_no in instant and 'data-testid="window-tasks"' not in window
    task_id = _ready_task_ids(app, [case_no])[case_no]
    response = clerk.post(f"/inbox/tasks/{task_id}/complete", {"decision": "approve", "opinion": "当场办结"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/cases/{case_no}")
    landed = clerk.get(response.headers["Location"])
    assert landed.status_code == 200 and "待出件" in landed.get_data(as_text=True)


def test_todays_intake_and_my_day_show_the_clerks_own_work(api, browser_for):
    mine = api.as_user("clerk_commerce").accept_case()["case_no"]
    other = api.as_user("clerk_construction").accept_case("330100-XK-002", materials=["M01", "M02", "M03", "M04"])
    clerk = browser_for("clerk_commerce")
    today = clerk.get("/window/today").get_data(as_text=True)
    assert mine in today and other["case_no"] not in today and 'data-testid="case-total">1<' in today
    my_day = clerk.get("/window/my-day").get_data(as_text=True)
    assert mine in my_day and re.search(r"受理 1<", my_day)
    assert clerk.get("/window/today/export.xlsx").status_code == 200
    assert clerk.get("/window/my-day/export.xlsx").status_code == 200


def test_seed_demo_with_cases_fills_every_state_and_does_not_duplicate_on_a_second_run(app, db):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo", "--cases", "40"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(args=["seed-demo", "--cases", "40"])
    assert second.exit_code == 0 and "未新增" in second.output
    from app.cases.audit import verify_all
    with app.app_context():
        statuses = set(db.session.scalars(sa.select(Case.status).distinct()))
        count = db.session.scalar(sa.select(sa.func.count(Case.id)))
        users = db.session.scalar(sa.select(sa.func.count(User.id)).where(User.username == "clerk_commerce"))
        broken = [link for _n, link in verify_all() if link is not None]
    assert statuses >= {"supplementing", "not_accepted", "in_progress", "awaiting_issue", "finished"}
    assert count == 40 and users == 1 and broken == []
