"""办件查询 without login: the applicant finds the case with its number and the last 6 characters of the ID
number or phone; the answer shows steps and dates but no staff names or opinions; guessing is throttled."""
from tests.support import FOOD_LICENCE

PROGRESS = "/api/v1/public/progress"
NOT_FOUND = "未找到匹配的办件，请核对办件编号和查询码"


def test_the_applicant_follows_the_case_with_the_last_six_characters_of_the_id_or_phone(api, client):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    api.as_user("scjgj_handler").decide(case_no, "approve", "材料齐全，拟同意（内部意见）")

    by_id = client.get(PROGRESS, query_string={"case_no": case_no, "code": "31002x"})
    assert by_id.status_code == 200, by_id.get_json()
    by_phone = client.get(PROGRESS, query_string={"case_no": case_no, "code": "345678"})
    assert by_phone.get_json() == by_id.get_json()

    progress = by_id.get_json()
    assert progress["status"] == "in_progress" and progress["status_label"] == "办理中"
    assert progress["applicant"] == "张*" and progress["item_name"]
    assert progress["accepted_on"] == "2026-03-02" and progress["deadline"]
    assert [(s["step"], s["action"]) for s in progress["steps"]] == [
        (None, "收件"), ("受理审查", "受理"), ("承办", "办理")]
    assert all(len(s["date"]) == 10 for s in progress["steps"])  # dates only, never times of day
    text = by_id.get_data(as_text=True)
    for secret in ("内部意见", "opinion", "actor", "市场监管局承办人", "11010519491231002X", "13812345678"):
        assert secret not in text


def test_a_wrong_code_and_an_unknown_case_look_the_same(api, client):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    wrong_code = client.get(PROGRESS, query_string={"case_no": case_no, "code": "000000"})
    unknown = client.get(PROGRESS, query_string={"case_no": "330100209901019999", "code": "31002X"})
    assert wrong_code.status_code == unknown.status_code == 404
    assert wrong_code.get_json() == unknown.get_json()
    assert wrong_code.get_json()["message"] == NOT_FOUND


def test_the_eleventh_failed_lookup_from_an_address_is_refused_even_with_the_right_code(api, client):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    for attempt in range(10):
        assert client.get(PROGRESS, query_string={"case_no": case_no, "code": f"{attempt:06d}"}).status_code == 404
    blocked = client.get(PROGRESS, query_string={"case_no": case_no, "code": "31002X"})
    assert blocked.status_code == 429
    other = api.app.test_client().get(PROGRESS, query_string={"case_no": case_no, "code": "31002X"},
                                      environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert other.status_code == 200
