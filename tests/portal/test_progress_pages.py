"""办件查询 and 证照核验 as a citizen meets them: the address printed on the notice opens the progress page with
the case number filled in; the 查询码 of the notice shows the status, the deadline, the 补正 materials and
where to collect the result — names masked, nothing identifying the applicant; wrong codes and throttling
are shown on the page with their status. A licence's QR address verifies it at once."""
import re

from tests.documents.helpers import decided_case
from tests.support import FOOD_LICENCE, VALID_PERSON, case_query_code

from .conftest import Browser


def _query(browser, case_no, code, **extra):
    page = browser.get(f"/progress?case_no={case_no}")
    assert page.status_code == 200
    return browser.post("/progress", {"case_no": case_no, "code": code, **extra})


def test_the_notice_address_opens_the_page_with_the_case_number_filled_in(api, browser):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    page = browser.get(f"/progress?case_no={case_no}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and f'value="{case_no}"' in html
    assert re.search(r'id="code"[^>]*autofocus', html)  # the cursor waits in the code field
    assert 'aria-current="page"' in html and 'href="/progress"' in html  # the portal's 办件查询 section


def test_the_code_of_the_notice_shows_the_status_deadline_and_where_to_collect(api, browser):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    shown = _query(browser, case_no, case_query_code(api.app, case_no).lower())
    html = shown.get_data(as_text=True)
    assert shown.status_code == 200 and 'data-status="in_progress"' in html
    assert "办理中" in html and "承诺办结期限" in html and "剩余" in html and "个工作日" in html
    assert 'data-testid="progress-collection"' in html and "地址" in html
    assert "张*" in html
    for secret in ("张三", VALID_PERSON["id_number"], VALID_PERSON["phone"], case_query_code(api.app, case_no)):
        assert secret not in html


def test_a_supplement_shows_exactly_the_materials_of_the_one_time_notice_and_where(api, browser):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE, materials=("M01", "M02"), decision="supplement",
                                missing=["M03"], reason="营业执照须在有效期内")["case_no"]
    notice = clerk.get(f"/api/v1/cases/{case_no}/notices/supplement.pdf")
    assert notice.status_code == 200
    html = _query(browser, case_no, case_query_code(api.app, case_no)).get_data(as_text=True)
    assert 'data-status="supplementing"' in html
    start = html.index('data-testid="supplement-materials"')
    listed = html[start:html.index("</ol>", start)]
    assert re.findall(r'data-code="(\w+)"', listed) == clerk.case(case_no)["missing_materials"]
    assert "营业执照须在有效期内" in html and 'data-testid="supplement-where"' in html


def test_the_decision_and_the_licence_status_appear_once_decided(api, browser):
    case_no = decided_case(api)
    html = _query(browser, case_no, case_query_code(api.app, case_no)).get_data(as_text=True)
    assert 'data-testid="progress-decision"' in html and "准予许可" in html and "有效" in html


def test_a_wrong_code_or_a_missing_field_is_told_on_the_page_with_its_status(api, browser):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    wrong = _query(browser, case_no, VALID_PERSON["id_number"][-6:])  # the old rule no longer opens it
    assert wrong.status_code == 404 and "未找到匹配的办件" in wrong.get_data(as_text=True)
    assert f'value="{case_no}"' in wrong.get_data(as_text=True)  # the number stays for another try
    missing = browser.post("/progress", {"case_no": case_no, "code": ""})
    assert missing.status_code == 422 and 'id="code-error"' in missing.get_data(as_text=True)


def test_a_throttled_address_is_told_to_wait_and_the_applicant_elsewhere_still_gets_in(api, browser, app):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    for attempt in range(5):
        assert _query(browser, case_no, f"GUESS{attempt:03d}").status_code == 404
    throttled = _query(browser, case_no, case_query_code(api.app, case_no))
    assert throttled.status_code == 429 and "查询失败次数过多" in throttled.get_data(as_text=True)
    applicant = app.test_client()
    applicant.environ_base["REMOTE_ADDR"] = "198.51.100.20"  # the applicant's own phone
    ok = _query(Browser(applicant), case_no, case_query_code(api.app, case_no))
    assert ok.status_code == 200 and 'data-testid="progress-result"' in ok.get_data(as_text=True)


def test_the_code_never_travels_in_the_address(api, browser):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    code = case_query_code(api.app, case_no)
    page = browser.get(f"/progress?case_no={case_no}&code={code}").get_data(as_text=True)
    assert 'data-testid="progress-status"' not in page  # only the form: the code is posted, not in a URL
    assert 'method="post" action="/progress"' in page


def test_both_pages_speak_english_on_request(api, browser):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE, materials=("M01", "M02"),
                                                        decision="supplement", missing=["M03"])["case_no"]
    browser.get("/lang/en?next=/progress")
    for page in (browser.get(f"/progress?case_no={case_no}"), browser.get("/verify")):
        text = re.sub(r"<[^>]+>", " ", page.get_data(as_text=True))
        assert set(re.findall(r"[\u4e00-\u9fff]+", text)) <= {"中文"}  # only the language switch
    shown = _query(browser, case_no, case_query_code(api.app, case_no)).get_data(as_text=True)
    assert "Materials to supplement" in shown and "Collecting the result" in shown
