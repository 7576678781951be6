"""办件查询 without login: the applicant finds the case with its number and the 查询码 printed on the notice —
a random code, not the tail of the ID number or phone; the answer shows steps and dates but no staff names,
opinions or identity; guessing is throttled per client address and per case."""
import re

from app.applicants.query_code import ALPHABET, LENGTH
from tests.support import FOOD_LICENCE, VALID_PERSON, case_query_code

PROGRESS = "/api/v1/public/progress"
NOT_FOUND = "未找到匹配的办件，请核对办件编号和查询码"


def _lookup(app, case_no, code, address="127.0.0.1"):
    return app.test_client().post(PROGRESS, json={"case_no": case_no, "code": code},
                                  environ_base={"REMOTE_ADDR": address})


def test_the_applicant_follows_the_case_with_the_code_of_the_notice_typed_in_any_case(api, client):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    api.as_user("scjgj_handler").decide(case_no, "approve", "材料齐全，拟同意（内部意见）")
    code = case_query_code(api.app, case_no)

    response = client.post(PROGRESS, json={"case_no": case_no, "code": code.lower()})
    assert response.status_code == 200, response.get_json()
    printed = f"{code[:4]}-{code[4:]}"  # as it may be read off the paper
    same = client.post(PROGRESS, json={"case_no": case_no, "code": printed})
    assert same.get_json() == response.get_json()

    progress = response.get_json()
    assert progress["status"] == "in_progress" and progress["status_label"] == "办理中"
    assert progress["applicant"] == "张*" and progress["item_name"]
    assert progress["accepted_on"] == "2026-03-02" and progress["deadline"]
    assert progress["remaining_working_days"] is not None and progress["promised_limit"]
    assert [(s["step"], s["action"]) for s in progress["steps"]] == [
        (None, "收件"), ("受理审查", "受理"), ("承办", "办理")]
    assert all(len(s["date"]) == 10 for s in progress["steps"])  # dates only, never times of day
    assert progress["supplement"] is None and progress["decision"] is None
    assert progress["collection"]["where"]["address"]  # where to collect the result
    text = response.get_data(as_text=True)
    for secret in ("内部意见", "opinion", "actor", "市场监管局承办人", "11010519491231002X", "13812345678", code):
        assert secret not in text


def test_the_id_number_and_phone_no_longer_open_a_case(api, client):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    for derived in (VALID_PERSON["id_number"][-6:], VALID_PERSON["phone"][-6:], VALID_PERSON["id_number"]):
        assert client.post(PROGRESS, json={"case_no": case_no, "code": derived}).status_code == 404


def test_every_case_gets_its_own_random_code(api):
    clerk = api.as_user("clerk_commerce")
    first, second = (clerk.accept_case(FOOD_LICENCE)["case_no"] for _ in range(2))
    codes = {case_query_code(api.app, first), case_query_code(api.app, second)}
    assert len(codes) == 2  # the same applicant, two codes
    assert all(re.fullmatch(f"[{ALPHABET}]{{{LENGTH}}}", code) for code in codes)


def test_a_wrong_code_and_an_unknown_case_look_the_same(api, client):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    code = case_query_code(api.app, case_no)
    wrong_code = client.post(PROGRESS, json={"case_no": case_no, "code": "ABCDEFGH"})
    unknown = client.post(PROGRESS, json={"case_no": "330100209901019999", "code": code})
    assert wrong_code.status_code == unknown.status_code == 404
    assert wrong_code.get_json() == unknown.get_json()
    assert wrong_code.get_json()["message"] == NOT_FOUND


def test_an_address_that_failed_ten_times_is_refused_even_with_the_right_code(api):
    """A scanner trying many case numbers from one address: after 10 failures the address waits 15 minutes."""
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    code = case_query_code(api.app, case_no)
    for attempt in range(10):
        assert _lookup(api.app, f"33010020260302{attempt:05d}9", "WRONG234").status_code == 404
    blocked = _lookup(api.app, case_no, code)
    assert blocked.status_code == 429 and "15分钟" in blocked.get_json()["message"]
    assert _lookup(api.app, case_no, code, address="10.1.2.3").status_code == 200


def test_strangers_guessing_one_case_from_many_addresses_are_slowed_but_the_applicant_gets_in(api):
    """Five addresses fail on one case: each of them now waits on that case (one guess per address per day),
    while the applicant, from an address that never failed on it, is heard and gets in."""
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE)["case_no"]
    other_case = clerk.accept_case(FOOD_LICENCE)["case_no"]
    guessers = [f"203.0.113.{n}" for n in range(1, 6)]
    for address in guessers:
        assert _lookup(api.app, case_no, "GUESS234", address).status_code == 404
    for address in guessers:
        second = _lookup(api.app, case_no, "GUESS235", address)
        assert second.status_code == 429 and "该编号" in second.get_json()["message"]
    # a guesser is refused on that case even with the right code, but still heard on another case
    assert _lookup(api.app, case_no, case_query_code(api.app, case_no), guessers[0]).status_code == 429
    assert _lookup(api.app, other_case, case_query_code(api.app, other_case), guessers[0]).status_code == 200
    # the applicant's own phone: never failed on the case, gets in with the code of the notice
    assert _lookup(api.app, case_no, case_query_code(api.app, case_no), "198.51.100.7").status_code == 200


def test_an_applicant_who_mistyped_is_not_held_up_by_a_stranger_guessing_afterwards(api):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    code = case_query_code(api.app, case_no)
    assert _lookup(api.app, case_no, "TYPO2345", "198.51.100.9").status_code == 404
    assert _lookup(api.app, case_no, code, "198.51.100.9").status_code == 200
    for attempt in range(4):  # with the typo, five failures on the case: it is now guarded
        assert _lookup(api.app, case_no, f"GUESS{attempt:03d}", "203.0.113.50").status_code == 404
    assert _lookup(api.app, case_no, "GUESS999", "203.0.113.50").status_code == 429
    # the applicant's address failed once too, before its success: the success cleared it
    assert _lookup(api.app, case_no, code, "198.51.100.9").status_code == 200


def test_the_code_is_shown_to_the_window_of_the_case_only(api):
    clerk = api.as_user("clerk_commerce")
    accepted = clerk.accept_case(FOOD_LICENCE)
    code = case_query_code(api.app, accepted["case_no"])
    assert accepted["query_code"] == code  # the window gets it with the acceptance, to print and hand over
    assert clerk.case(accepted["case_no"])["query_code"] == code
    for username in ("scjgj_handler", "supervisor", "admin"):
        assert api.as_user(username).case(accepted["case_no"])["query_code"] is None
    listed = clerk.get("/api/v1/cases").get_data(as_text=True)
    assert code not in listed and "query_code" not in listed


def test_the_code_travels_in_the_body_never_in_an_address(api, client):
    """The API takes the code in a JSON body only: an address carrying the code (which proxies and access logs keep)
    is not answered; the QR address of a notice carries the case number alone and opens the page."""
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    code = case_query_code(api.app, case_no)
    assert client.get(PROGRESS, query_string={"case_no": case_no, "code": code}).status_code == 405
    missing = client.post(PROGRESS, json={"case_no": case_no})
    assert missing.status_code == 422 and "code" in missing.get_json()["errors"]["json"]
    assert client.post(PROGRESS, json={"case_no": case_no, "code": code}).status_code == 200
