"""咨询 and 投诉举报 through their own process: the citizen submits and gets a number and a code once; the
centre's desk (电子监察) routes it to the department; the department's handler drafts and its approver signs
off (two people); the desk calls back and records the satisfaction; the citizen follows every step."""
import datetime as dt
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from app.extensions import db
from app.feedback.models import FeedbackRecord
from app.workflow import WorkflowInstance
from tests.support import FOOD_LICENCE, case_query_code

from .support import COMPLAINT, QUESTION, SUBMIT, TRACK, answer, step, submit


def test_a_complaint_is_routed_answered_by_two_people_visited_and_the_citizen_sees_the_answer(app, api, client):
    receipt = submit(client)
    number, code = receipt["number"], receipt["code"]
    assert number.startswith("TS20260302") and len(code) == 8
    assert receipt["deadline"] == "2026-03-16"  # submitted Monday 2 March: 10 working days

    [listed] = api.as_user("supervisor").get("/api/v1/feedback").get_json()
    assert listed["step"] == "accept" and listed["contact_name"] == "李**" and listed["colour"] == "green"
    detail = api.as_user("supervisor").get(f"/api/v1/feedback/{number}").get_json()
    assert detail["contact_phone"] == "13900001111"  # the handling desk sees the contact in full
    assert api.as_user("scjgj_handler").get(f"/api/v1/feedback/{number}").status_code == 404  # not routed yet

    step(api, "supervisor", number, "accept", decision="route", department="SCJGJ", opinion="请核实")
    assert api.as_user("zjj_handler").post(f"/api/v1/feedback/{number}/draft",
                                           json={"decision": "draft", "answer": "x"}).status_code == 404
    step(api, "scjgj_handler", number, "draft", decision="draft", answer="已约谈窗口负责人，增设叫号引导。")
    signed = step(api, "scjgj_approver", number, "sign-off", decision="approve", opinion="同意")
    assert signed["state"] == "answered" and signed["step"] == "visit" and signed["on_time"] is True
    closed = step(api, "supervisor", number, "visit", satisfaction=2, note="电话回访，表示满意")
    assert closed["state"] == "closed" and closed["step"] is None

    tracked = client.post(TRACK, json={"number": number, "code": code.lower()}).get_json()
    assert tracked["answer"] == "已约谈窗口负责人，增设叫号引导。" and tracked["state_label"] == "已办结"
    assert [s["action"] for s in tracked["steps"]] == ["已提交", "已受理并转办", "答复已拟稿", "已答复", "已回访，办结"]
    assert tracked["contact_name"] == "李**" and "13900001111" not in str(tracked)
    with app.app_context():
        record = db.session.scalars(sa.select(FeedbackRecord).where(FeedbackRecord.number == number)).one()
        assert db.session.get(WorkflowInstance, record.workflow_instance_id).completed is True
        assert code not in record.code_hash  # only the hash is kept


def test_the_drafter_cannot_sign_off_and_the_approver_can_return_the_draft(api, client):
    number = submit(client)["number"]
    step(api, "supervisor", number, "accept", decision="route", department="SCJGJ")
    assert api.as_user("admin").post(f"/api/v1/feedback/{number}/draft",
                                     json={"decision": "draft", "answer": "草稿"}).status_code == 403  # IT role
    step(api, "scjgj_handler", number, "draft", decision="draft", answer="草稿")
    handler_signs = api.as_user("scjgj_handler").post(f"/api/v1/feedback/{number}/sign-off", json={"decision": "approve"})
    assert handler_signs.status_code == 403
    no_reason = api.as_user("scjgj_head").post(f"/api/v1/feedback/{number}/sign-off", json={"decision": "return"})
    assert no_reason.status_code == 422 and "opinion" in no_reason.get_json()["errors"]["json"]
    back = step(api, "scjgj_head", number, "sign-off", decision="return", opinion="答复不具体")
    assert (back["state"], back["step"]) == ("routed", "draft")
    out_of_turn = api.as_user("supervisor").post(f"/api/v1/feedback/{number}/visit", json={"satisfaction": 1})
    assert out_of_turn.status_code == 409


def test_a_department_returns_what_is_not_its_duty_and_the_desk_routes_it_again(api, client):
    number = submit(client)["number"]
    step(api, "supervisor", number, "accept", decision="route", department="ZJJ")
    back = step(api, "zjj_handler", number, "draft", decision="return", opinion="非本部门职责")
    assert (back["state"], back["step"], back["department_code"]) == ("submitted", "accept", None)
    assert api.as_user("zjj_handler").get(f"/api/v1/feedback/{number}").status_code == 404
    answer(api, number)


def test_the_desk_may_decline_with_a_reason_the_citizen_sees(api, client):
    receipt = submit(client)
    assert api.as_user("supervisor").post(f"/api/v1/feedback/{receipt['number']}/accept",
                                          json={"decision": "reject"}).status_code == 422
    step(api, "supervisor", receipt["number"], "accept", decision="reject", opinion="已通过司法途径处理")
    tracked = client.post(TRACK, json={"number": receipt["number"], "code": receipt["code"]}).get_json()
    assert tracked["state_label"] == "不予受理" and tracked["reason"] == "已通过司法途径处理"


def test_a_complaint_needs_a_name_and_phone_a_question_does_not(client):
    for field in ("name", "phone"):
        response = client.post(SUBMIT, json={**COMPLAINT, field: ""})
        assert response.status_code == 422 and field in response.get_json()["errors"]["json"], field
    bad_phone = client.post(SUBMIT, json={**COMPLAINT, "phone": "12345"})
    assert "phone" in bad_phone.get_json()["errors"]["json"]
    unknown_item = client.post(SUBMIT, json={**QUESTION, "item": "NO-SUCH"})
    assert unknown_item.status_code == 422 and "item" in unknown_item.get_json()["errors"]["json"]
    receipt = client.post(SUBMIT, json=QUESTION)
    assert receipt.status_code == 201 and receipt.get_json()["number"].startswith("ZX")
    assert receipt.get_json()["deadline"] == "2026-03-09"  # 咨询: 5 working days


def test_a_complaint_about_a_case_needs_its_query_code_and_goes_to_its_department(app, api, client):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    about = {**COMPLAINT, "subject_kind": "case", "case_no": case_no}
    assert client.post(SUBMIT, json={**about, "case_code": "ZZZZZZ"}).status_code == 404
    assert client.post(SUBMIT, json=about).status_code == 422
    receipt = submit(client, **about, case_code=case_query_code(app, case_no))
    [listed] = api.as_user("supervisor").get("/api/v1/feedback").get_json()
    assert listed["number"] == receipt["number"] and case_no in listed["subject"]


def test_a_wrong_code_finds_nothing_and_failures_are_throttled(client):
    number = submit(client)["number"]
    assert client.post(TRACK, json={"number": number, "code": "WRONG123"}).status_code == 404
    assert client.post(TRACK, json={"number": "TS0", "code": "WRONG123"}).status_code == 404
    statuses = {client.post(TRACK, json={"number": number, "code": "WRONG123"}).status_code
                for _ in range(20)}
    assert 429 in statuses


def test_published_answers_to_questions_feed_the_item_faq(api, client):
    first = submit(client, **QUESTION, name=None, phone=None)["number"]
    answer(api, first, text="材料齐全的，承诺10个工作日内办结。", publishable=True)
    second = submit(client, **{**QUESTION, "title": "不公开的问题"}, name=None, phone=None)["number"]
    answer(api, second, text="不公开的答复", publishable=False)
    complaint = submit(client, subject_kind="item", item=FOOD_LICENCE)["number"]
    answer(api, complaint, text="投诉答复不进常见问题", publishable=True)
    faq = client.get("/api/v1/public/feedback/faq", query_string={"item": FOOD_LICENCE}).get_json()
    assert [(e["title"], e["answer"]) for e in faq] == [("网上申请需要多久", "材料齐全的，承诺10个工作日内办结。")]


def test_supervision_sees_near_due_and_overdue_records_in_working_days(api, client, case_clock):
    number = submit(client, **QUESTION, name=None, phone=None)["number"]  # due Monday 9 March
    supervision = "/api/v1/supervision/feedback"
    case_clock.set(dt.datetime(2026, 3, 6, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))  # Friday: 1 working day left
    [near] = api.as_user("supervisor").get(supervision, query_string={"colour": "yellow"}).get_json()
    assert (near["number"], near["remaining_working_days"]) == (number, 1)
    case_clock.set(dt.datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    [late] = api.as_user("supervisor").get(supervision, query_string={"colour": "red"}).get_json()
    assert late["number"] == number and late["on_time"] is False
    assert api.as_user("scjgj_handler").get(supervision).status_code == 403
    signed = answer(api, number)
    assert (signed["colour"], signed["on_time"]) == (None, False)  # answered after the limit
    assert api.as_user("supervisor").get(supervision, query_string={"colour": "red"}).get_json() == []
