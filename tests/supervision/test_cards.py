"""Cards and appeals: the carded department's head or approver appeals once with a reason; a supervisor
upholds, withdraws (the card is revoked) or escalates; everything is in the case history."""
from datetime import date

import pytest

from tests.support import FOOD_LICENCE


@pytest.fixture()
def card(api, clock):
    clock.set(date(2025, 9, 30))
    api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
    clock.set(date(2025, 10, 15))
    assert api.as_user("supervisor").post("/api/v1/supervision/recompute").get_json()["cards_issued"] == 1
    cards = api.as_user("supervisor").get("/api/v1/supervision/cards", query_string={"status": "issued"}).get_json()
    assert len(cards) == 1
    return cards[0]


def appeal(user, card_id, reason="申请人要求暂缓，已电话告知"):
    return user.post(f"/api/v1/supervision/cards/{card_id}/appeal", json={"reason": reason})


def decide(user, card_id, decision, note="经核实"):
    return user.post(f"/api/v1/supervision/cards/{card_id}/decision", json={"decision": decision, "note": note})


def test_a_department_appeals_a_yellow_card_and_the_supervisor_withdraws_it(api, card):
    assert (card["level"], card["level_label"], card["department"]) == ("yellow", "黄牌", "SCJGJ")
    assert card["reason"] == "黄牌：超过承诺办结期限（2025-10-14）1个工作日"

    response = appeal(api.as_user("scjgj_head"), card["id"])
    assert response.status_code == 200, response.get_json()
    appealed = response.get_json()
    assert (appealed["status"], appealed["status_label"], appealed["appealed_by"]) == (
        "appealed", "申诉中", "吴工")
    assert appeal(api.as_user("scjgj_approver"), card["id"]).status_code == 409  # one appeal per card

    response = decide(api.as_user("supervisor"), card["id"], "withdrawn", "系统计时有误，撤销")
    assert response.status_code == 200, response.get_json()
    decided = response.get_json()
    assert (decided["status"], decided["decision"], decided["decision_label"], decided["decided_by"]) == (
        "revoked", "withdrawn", "撤销", "电子监察 钱督查")
    assert decide(api.as_user("supervisor"), card["id"], "upheld").status_code == 409

    history = api.as_user("supervisor").case(card["case_no"])["history"]
    assert [(e["label"], e["opinion"]) for e in history if e["action"].startswith("supervision.")] == [
        ("电子监察发牌", card["reason"]), ("监察牌申诉", "申请人要求暂缓，已电话告知"), ("申诉处理", "系统计时有误，撤销")]
    revoked = api.as_user("supervisor").get("/api/v1/supervision/cards", query_string={"status": "revoked"})
    assert [c["id"] for c in revoked.get_json()] == [card["id"]]


def test_an_upheld_card_stands_and_cannot_be_appealed_again(api, card):
    appeal(api.as_user("scjgj_approver"), card["id"])
    upheld = decide(api.as_user("supervisor"), card["id"], "upheld").get_json()
    assert (upheld["status"], upheld["decision"]) == ("issued", "upheld")
    assert appeal(api.as_user("scjgj_head"), card["id"]).status_code == 409


def test_an_appeal_can_end_in_escalation(api, card):
    appeal(api.as_user("scjgj_head"), card["id"])
    assert decide(api.as_user("supervisor"), card["id"], "escalated", "督办").get_json()["status"] == "escalated"


def test_only_the_carded_department_appeals_and_only_a_supervisor_decides(api, card):
    for username in ("scjgj_handler", "scjgj_reviewer", "zjj_head", "clerk_commerce", "supervisor"):
        assert appeal(api.as_user(username), card["id"]).status_code == 403, username
    assert decide(api.as_user("supervisor"), card["id"], "withdrawn").status_code == 409  # nothing to decide yet
    appeal(api.as_user("scjgj_head"), card["id"])
    for username in ("scjgj_head", "scjgj_approver", "clerk_commerce"):
        assert decide(api.as_user(username), card["id"], "withdrawn").status_code == 403, username
    assert appeal(api.as_user("scjgj_head"), 999999).status_code == 404


def test_departments_see_only_their_own_cards(api, card):
    assert [c["id"] for c in api.as_user("scjgj_handler").get("/api/v1/supervision/cards").get_json()] == [card["id"]]
    assert api.as_user("zjj_head").get("/api/v1/supervision/cards").get_json() == []
    assert api.as_user("clerk_commerce").get("/api/v1/supervision/cards").status_code == 403


def test_bad_appeal_input_names_the_field(api, card):
    head = api.as_user("scjgj_head")
    for body in ({}, {"reason": ""}):
        response = head.post(f"/api/v1/supervision/cards/{card['id']}/appeal", json=body)
        assert response.status_code == 422 and "reason" in response.get_json()["errors"]["json"]
    response = appeal(head, card["id"], "   ")
    assert response.status_code == 422 and "reason" in response.get_json()["errors"]["json"]
    appeal(head, card["id"])
    response = decide(api.as_user("supervisor"), card["id"], "maybe")
    assert response.status_code == 422 and "decision" in response.get_json()["errors"]["json"]
    response = api.as_user("supervisor").get("/api/v1/supervision/cards", query_string={"status": "lost"})
    assert response.status_code == 422 and "status" in response.get_json()["errors"]["query"]
