"""制证 and 出件: an approved case gets an e-licence that anyone can verify; the department revokes or
cancels it with a reason; the window records who collected the result or how the post was delivered."""
from datetime import datetime
from zoneinfo import ZoneInfo

from app.licences.identifier import (
    build_identifier,
    identifier_is_valid,
    mod37_36_check_char,
)
from tests.support import FOOD_LICENCE, VALID_COMPANY, history_actions

VERIFY = "/api/v1/public/licences/verify"


def approved_case(api, applicant=None):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE, **({"applicant": applicant} if applicant else {}))["case_no"]
    for user in ("scjgj_handler", "scjgj_reviewer", "scjgj_approver"):
        api.as_user(user).decide(case_no)
    return case_no


def licence_of(api, case_no, user="clerk_commerce"):
    response = api.as_user(user).get("/api/v1/licences", query_string={"case_no": case_no})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_mod_37_36_check_character_catches_a_changed_character():
    assert mod37_36_check_char("A12425GABC1234002") == "M"  # the worked example of ISO/IEC 7064
    body = "1.2.156.3005.2.330100XK001.SCJGJ.00000001.1"
    identifier = build_identifier("330100XK001", "SCJGJ", "00000001")
    assert identifier == f"{body}.{mod37_36_check_char(body)}" and identifier_is_valid(identifier)
    assert not identifier_is_valid(identifier.replace("00000001", "00000007"))
    assert not identifier_is_valid(identifier.replace("330100", "331000"))  # adjacent swap


def test_an_approved_case_gets_an_e_licence_that_the_public_can_verify_until_it_is_revoked(api, client):
    case_no = approved_case(api)
    [licence] = licence_of(api, case_no)
    assert licence["name"] == "食品经营许可证" and licence["case_no"] == case_no
    assert licence["holder_name"] == "张三" and licence["holder_code_type"] == "111"
    assert licence["identifier"].startswith("1.2.156.3005.2.") and identifier_is_valid(licence["identifier"])
    assert licence["issued_on"] == "2026-03-02" and licence["valid_to"] == "2031-03-01"
    assert licence["status"] == "valid" and licence["issuer_name"] == "示范市市场监督管理局"
    decided = [e for e in api.as_user("clerk_commerce").case(case_no)["history"] if e["action"] == "case.decided"]
    assert decided[0]["detail"] == {"licence_number": licence["number"]}

    query = {"number": licence["number"], "code": licence["verification_code"]}
    shown = client.get(VERIFY, query_string=query).get_json()
    assert shown == {"status": "valid", "name": licence["name"], "holder": "张*",
                     "issuer": licence["issuer_name"], "issued_on": "2026-03-02",
                     "valid_from": "2026-03-02", "valid_to": "2031-03-01"}

    revoked = api.as_user("scjgj_approver").post(f"/api/v1/licences/{licence['id']}/revoke",
                                                 json={"reason": "以欺骗手段取得许可"})
    assert revoked.status_code == 200, revoked.get_json()
    assert client.get(VERIFY, query_string=query).get_json()["status"] == "revoked"
    again = api.as_user("scjgj_head").post(f"/api/v1/licences/{licence['id']}/cancel", json={"reason": "重复"})
    assert again.status_code == 409
    case = api.as_user("clerk_commerce").case(case_no)
    assert [(e["action"], e["opinion"]) for e in case["history"] if e["action"].startswith("licence.")] == [
        ("licence.revoked", "以欺骗手段取得许可")]


def test_only_the_issuing_department_may_cancel_a_licence(api):
    [licence] = licence_of(api, approved_case(api))
    url = f"/api/v1/licences/{licence['id']}/cancel"
    assert api.as_user("zjj_approver").post(url, json={"reason": "越权"}).status_code == 403
    cancelled = api.as_user("scjgj_head").post(url, json={"reason": "企业申请注销"})
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"


def test_a_licence_past_its_validity_verifies_as_expired(api, client, case_clock):
    [licence] = licence_of(api, approved_case(api))
    case_clock.set(datetime(2031, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    shown = client.get(VERIFY, query_string={"number": licence["number"], "code": licence["verification_code"]})
    assert shown.get_json()["status"] == "expired"


def test_an_organisation_holder_uses_its_credit_code_and_its_name_is_not_masked(api, client):
    [licence] = licence_of(api, approved_case(api, VALID_COMPANY))
    assert licence["holder_code_type"] == "001" and licence["holder_code"] == VALID_COMPANY["id_number"]
    shown = client.get(VERIFY, query_string={"number": licence["number"], "code": licence["verification_code"]})
    assert shown.get_json()["holder"] == VALID_COMPANY["name"]


def test_an_unknown_number_and_a_wrong_code_give_the_same_answer(api, client):
    [licence] = licence_of(api, approved_case(api))
    wrong_code = client.get(VERIFY, query_string={"number": licence["number"], "code": "AAAAAA"})
    unknown = client.get(VERIFY, query_string={"number": "NO-SUCH-NUMBER", "code": licence["verification_code"]})
    assert wrong_code.status_code == unknown.status_code == 404
    assert wrong_code.get_json() == unknown.get_json()


def test_guessing_verification_codes_is_throttled_per_address_and_licence(api, client):
    """Five failures on one licence: the guessing address waits, even with the right code; a business partner
    scanning the licence from another address still verifies it."""
    [licence] = licence_of(api, approved_case(api))
    for attempt in range(5):
        guess = client.get(VERIFY, query_string={"number": licence["number"], "code": f"G{attempt:05d}"})
        assert guess.status_code == 404
    right = {"number": licence["number"], "code": licence["verification_code"]}
    assert client.get(VERIFY, query_string=right).status_code == 429
    partner = api.app.test_client().get(VERIFY, query_string=right, environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert partner.status_code == 200 and partner.get_json()["status"] == "valid"


def test_a_refused_case_gets_no_licence(api):
    case_no = api.as_user("clerk_commerce").accept_case()["case_no"]
    api.as_user("scjgj_handler").decide(case_no, "reject", "不符合条件")
    api.as_user("scjgj_reviewer").decide(case_no, "reject", "不符合条件")
    api.as_user("scjgj_approver").decide(case_no, "reject", "不符合条件")
    assert licence_of(api, case_no) == []


def test_the_window_records_who_collected_the_result(api):
    case_no = approved_case(api)
    clerk = api.as_user("clerk_commerce")
    response = clerk.issue(case_no, recipient="张三", recipient_id_number="11010519491231002x", authorised=False,
                           confirmed=True)
    assert response.status_code == 200, response.get_json()
    issued = next(e for e in response.get_json()["history"] if e["action"] == "case.issued")
    assert issued["detail"]["recipient"] == "张三" and issued["detail"]["recipient_id_suffix"] == "002X"
    assert issued["detail"]["confirmed"] is True
    # collected at the window: there is no postal delivery to update
    assert clerk.post(f"/api/v1/cases/{case_no}/delivery", json={"status": "signed"}).status_code == 409


def test_a_posted_result_is_marked_delivered_then_signed(api):
    case_no = approved_case(api)
    clerk = api.as_user("clerk_commerce")
    assert clerk.issue(case_no, method="post", tracking_no="EMS1234567890").status_code == 200
    url = f"/api/v1/cases/{case_no}/delivery"
    assert api.as_user("clerk_construction").post(url, json={"status": "delivered"}).status_code == 403
    assert clerk.post(url, json={"status": "delivered", "note": "已投递至收件地址"}).get_json()["status"] == "delivered"
    signed = clerk.post(url, json={"status": "signed", "note": "本人签收"})
    assert signed.status_code == 200 and signed.get_json()["status"] == "signed"
    assert clerk.post(url, json={"status": "returned"}).status_code == 409
    actions = history_actions(clerk.case(case_no))
    assert actions[-2:] == [("case.delivery_updated", None, "delivered"), ("case.delivery_updated", None, "signed")]
