"""The 查询码 reaches the applicant on paper: the window's notice (HTML and PDF) prints it under the progress
address; a copy printed by a department or a supervisor does not, and the decision tells where it is."""
from tests.conftest import PUBLIC_BASE_URL
from tests.documents.helpers import decided_case, pdf_text
from tests.support import FOOD_LICENCE, case_query_code


def test_the_window_prints_the_code_on_the_notice_page_and_pdf(api, browser_for):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    code = case_query_code(api.app, case_no)
    clerk = browser_for("clerk_commerce")
    html = clerk.get(f"/window/cases/{case_no}/notice").get_data(as_text=True)
    assert f'data-testid="query-code">{code}<' in html
    assert f"{PUBLIC_BASE_URL}/progress?case_no={case_no}" in html
    assert code in clerk.get(f"/window/cases/{case_no}").get_data(as_text=True)  # the receipt shows it too
    text = pdf_text(clerk.get(f"/window/cases/{case_no}/notices/acceptance.pdf").data)
    assert code in text and f"{PUBLIC_BASE_URL}/progress?case_no={case_no}" in text


def test_other_staff_print_the_notice_without_the_code(api):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    code = case_query_code(api.app, case_no)
    assert code in pdf_text(api.as_user("clerk_commerce").get(
        f"/api/v1/cases/{case_no}/notices/acceptance.pdf").data)
    for username in ("scjgj_handler", "supervisor"):
        response = api.as_user(username).get(f"/api/v1/cases/{case_no}/notices/acceptance.pdf")
        assert response.status_code == 200 and code not in pdf_text(response.data)


def test_the_supplement_and_refusal_notices_carry_the_code_too(api):
    clerk = api.as_user("clerk_commerce")
    supplement = clerk.accept_case(FOOD_LICENCE, materials=("M01",), decision="supplement",
                                   missing=["M02"])["case_no"]
    refused = clerk.submit_case(FOOD_LICENCE, decision="refuse", reason="不属于本机关职权范围").get_json()["case_no"]
    for case_no, kind in ((supplement, "supplement"), (refused, "refusal")):
        text = pdf_text(clerk.get(f"/api/v1/cases/{case_no}/notices/{kind}.pdf").data)
        assert case_query_code(api.app, case_no) in text


def test_the_decision_no_longer_speaks_of_the_id_number(api):
    case_no = decided_case(api)
    text = pdf_text(api.as_user("clerk_commerce").get(f"/api/v1/cases/{case_no}/decision.pdf").data)
    assert "受理通知书上的查询码" in text and "后6位" not in text
