"""电子证照 and 寄递状态 pages: the register is paged and searchable by licence number or the holder's exact
name, the supervisor sees holders masked, the issuing department's approver revokes with a reason (another
department cannot), the licence prints; the window records a posted result's delivery and its history shows."""
from tests.support import FOOD_LICENCE, VALID_PERSON


def approved_case(api, **applicant):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE, applicant={**VALID_PERSON, **applicant})["case_no"]
    for user in ("scjgj_handler", "scjgj_reviewer", "scjgj_approver"):
        api.as_user(user).decide(case_no)
    return case_no


def licence_id(api, case_no):
    [licence] = api.as_user("clerk_commerce").get("/api/v1/licences", query_string={"case_no": case_no}).get_json()
    return licence["id"], licence["number"]


def test_the_register_masks_holders_for_the_supervisor_and_finds_a_licence_by_number_or_holder(api, browser_for):
    first = approved_case(api)
    licence, number = licence_id(api, first)
    supervisor = browser_for("supervisor")
    page = supervisor.get("/licences").get_data(as_text=True)
    rows = page.split('data-testid="licence-rows"')[1]
    assert number in rows and "张*" in rows and "张三" not in rows and VALID_PERSON["id_number"] not in rows
    assert number in supervisor.get("/licences", query_string={"q": "张三"}).get_data(as_text=True)
    assert number not in supervisor.get("/licences", query_string={"q": "张"}).get_data(as_text=True).split(
        'data-testid="licence-rows"')[1]  # a masked list is not searched by a fragment of a name
    assert number in supervisor.get("/licences", query_string={"q": number[-6:]}).get_data(as_text=True)
    handler = browser_for("scjgj_handler").get(f"/licences/{licence}").get_data(as_text=True)
    assert VALID_PERSON["id_number"] in handler  # the department sees the holder in full
    assert browser_for("zjj_approver").get(f"/licences/{licence}").status_code == 403
    printed = supervisor.get(f"/licences/{licence}/print").get_data(as_text=True)
    assert number in printed and "data-print" in printed and "js/print.js" in printed
    assert browser_for("admin").get("/licences").status_code == 403


def test_the_issuing_department_revokes_a_licence_with_a_reason_on_its_page(api, browser_for, client):
    licence, number = licence_id(api, approved_case(api))
    other = browser_for("zjj_approver")
    other.get("/inbox")
    assert other.post(f"/licences/{licence}/revoke", {"reason": "越权"}).status_code == 403
    approver = browser_for("scjgj_approver")
    page = approver.get(f"/licences/{licence}").get_data(as_text=True)
    assert 'data-testid="licence-actions"' in page
    assert approver.post(f"/licences/{licence}/revoke", {"reason": ""}).status_code == 422
    done = approver.post(f"/licences/{licence}/revoke", {"reason": "以欺骗手段取得许可"})
    assert done.status_code == 302
    page = approver.get(f"/licences/{licence}").get_data(as_text=True)
    assert "已撤销" in page and "以欺骗手段取得许可" in page and 'data-testid="licence-actions"' not in page
    assert approver.post(f"/licences/{licence}/cancel", {"reason": "重复"}).status_code == 409
    assert "已撤销" in browser_for("supervisor").get("/licences?status=revoked").get_data(as_text=True)


def test_the_window_records_the_delivery_of_a_posted_result_and_its_history_shows(api, browser_for):
    clerk_api = api.as_user("clerk_commerce")
    case_no = approved_case(api)
    assert clerk_api.issue(case_no, method="post", tracking_no="EMS1234567890").status_code == 200
    clerk = browser_for("clerk_commerce")
    page = clerk.get("/postal").get_data(as_text=True)
    assert case_no in page and "EMS1234567890" in page and 'data-status="posted"' in page
    clerk.post(f"/postal/{case_no}", {"status": "delivered", "note": "已投递至收件地址"})
    clerk.post(f"/postal/{case_no}", {"status": "signed", "note": "本人签收"})
    page = clerk.get("/postal?status=signed").get_data(as_text=True)
    row = page.split(f'data-case="{case_no}"')[1].split("</tr>")[0]
    assert "已投递至收件地址" in row and "本人签收" in row and 'data-testid="postal-update"' not in row
    other = browser_for("clerk_construction")
    other.get("/postal")
    other.post(f"/postal/{case_no}", {"status": "returned"})
    assert 'data-status="signed"' in clerk.get("/postal").get_data(as_text=True)
    assert case_no in browser_for("supervisor").get("/postal?q=EMS1234567890").get_data(as_text=True)
    assert browser_for("scjgj_head").get("/postal").status_code == 403
