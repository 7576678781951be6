"""咨询投诉 on the portal: the citizen submits, gets the number and the code once, follows the record with
both and reads the published answers per item (FAQ page and the item guide's partial)."""
from flask import render_template

from tests.feedback.support import answer
from tests.support import FOOD_LICENCE

QUESTION = {"kind": "question", "subject_kind": "item", "item": FOOD_LICENCE, "title": "需要现场核查吗",
            "content": "小餐饮申请食品经营许可需要现场核查吗？"}


def _receipt(browser, **form):
    browser.get("/feedback")
    response = browser.post("/feedback", {**QUESTION, **form})
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    page = response.get_data(as_text=True)
    number = page.split('data-testid="receipt-number">')[1].split("<")[0]
    code = page.split('data-testid="receipt-code">')[1].split("<")[0]
    assert response.headers["Cache-Control"] == "no-store"
    return number, code


def test_the_form_offers_the_subjects_to_choose_from(browser):
    page = browser.get("/feedback").get_data(as_text=True)
    for expected in ("食品经营许可", "商事登记综合窗口", "示范市市场监督管理局", 'name="case_no"', "portal-feedback.js"):
        assert expected in page, expected


def test_a_complaint_without_contact_is_shown_again_with_the_fields_named(browser):
    browser.get("/feedback")
    response = browser.post("/feedback", {**QUESTION, "kind": "complaint", "title": "投诉"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'data-testid="error-name"' in page and "投诉举报须填写姓名" in page
    assert 'value="投诉"' in page  # what was typed stays
    empty = browser.post("/feedback", {"kind": "question", "subject_kind": "item"}).get_data(as_text=True)
    assert 'data-testid="error-title"' in empty and "此项必填" in empty


def test_the_citizen_follows_the_record_and_sees_the_answer(api, browser):
    number, code = _receipt(browser)
    pending = browser.post("/feedback/track", {"number": number, "code": code}).get_data(as_text=True)
    assert 'data-state="submitted"' in pending and "待受理" in pending
    answer(api, number, text="小餐饮首次申请需现场核查。", publishable=True)
    page = browser.post("/feedback/track", {"number": number, "code": code}).get_data(as_text=True)
    assert 'data-testid="track-answer">小餐饮首次申请需现场核查。' in page and "示范市市场监督管理局" in page
    wrong = browser.post("/feedback/track", {"number": number, "code": "ABCDEFGH"})
    assert wrong.status_code == 404 and 'data-testid="track-result"' not in wrong.get_data(as_text=True)


def test_published_answers_appear_on_the_faq_and_in_the_item_partial(app, api, browser):
    number, _code = _receipt(browser)
    answer(api, number, text="首次申请需现场核查。", publishable=True)
    faq = browser.get(f"/feedback/faq?item={FOOD_LICENCE}").get_data(as_text=True)
    assert "需要现场核查吗" in faq and "首次申请需现场核查。" in faq
    with app.test_request_context("/services"):
        partial = render_template("portal/_item_faq.html", item=type("Item", (), {"code": FOOD_LICENCE})())
    assert "首次申请需现场核查。" in partial and f"item={FOOD_LICENCE}" in partial


def test_one_address_may_submit_five_records_an_hour_and_is_told_the_limit(app, browser):
    """A flood from one address is stopped at the limit with a 429 naming it, page and API alike; a refused form
    does not count, and another address is still heard."""
    browser.get("/feedback")
    assert browser.post("/feedback", {**QUESTION, "title": ""}).status_code == 422  # not counted
    for _ in range(5):
        _receipt(browser)
    refused = browser.post("/feedback", QUESTION)
    assert refused.status_code == 429
    assert "同一网络地址60分钟内最多提交5件咨询或投诉" in refused.get_data(as_text=True)
    api_refused = app.test_client().post("/api/v1/public/feedback", json=QUESTION)
    assert api_refused.status_code == 429
    assert api_refused.get_json()["message"] == "同一网络地址60分钟内最多提交5件咨询或投诉，请稍后再试"
    elsewhere = app.test_client().post("/api/v1/public/feedback", json=QUESTION,
                                       environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert elsewhere.status_code == 201
    browser.get("/lang/en?next=/feedback")
    browser.get("/feedback")
    english = browser.post("/feedback", QUESTION).get_data(as_text=True)
    assert "At most 5 questions or complaints within 60 minutes" in english


def test_the_form_messages_speak_english_on_request(browser):
    browser.get("/lang/en?next=/feedback")
    browser.get("/feedback")
    page = browser.post("/feedback", {**QUESTION, "kind": "complaint", "phone": "12345"}).get_data(as_text=True)
    assert "A complaint needs your name" in page
    empty = browser.post("/feedback", {"kind": "question", "subject_kind": "item"}).get_data(as_text=True)
    assert "This field is required" in empty and "此项必填" not in empty
    wrong = browser.post("/feedback", {**QUESTION, "subject_kind": "window", "window": "NO-SUCH"})
    assert "no longer exists" in wrong.get_data(as_text=True)
    unknown = browser.post("/feedback/track", {"number": "ZX202601010001", "code": "ABCDEFGH"})
    assert "No record matches" in unknown.get_data(as_text=True)
