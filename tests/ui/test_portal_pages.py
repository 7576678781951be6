"""Every public page of the portal on a phone (375 px), in one browser walk: none scrolls sideways, none shows an
English leftover on the Chinese pages, none raises a script error — the forms, and the pages with results (a case
in 补正, a verified licence, a decided case on 办件公示, a published answer, a logged-in 我的办件)."""
import re

from tests.documents.helpers import decided_case
from tests.feedback.support import answer
from tests.support import FOOD_LICENCE, case_query_code

from .conftest import screenshot

PHONE = {"width": 375, "height": 740}
#: Latin words a Chinese page may show: file types, units, the language switch, codes and numbers
ALLOWED_WORDS = {"PDF", "JPEG", "PNG", "OFD", "MB", "English", "QR", "XK", "JB", "ID", "II", "III", "IV"}  # 网办深度 I–IV


def _leftovers(page) -> set[str]:
    text = re.sub(r"https?://\S+", "", page.evaluate("document.body.innerText"))  # printed addresses
    return {w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in ALLOWED_WORDS} - _codes(text)


def _codes(text: str) -> set[str]:
    """Letters inside case numbers, item codes, licence numbers and query codes (mixed with digits)."""
    return {w for token in re.findall(r"\b[A-Z0-9-]*\d[A-Z0-9-]*\b", text) for w in re.findall(r"[A-Z]+", token)}


def _check(page, label):
    page.wait_for_load_state()
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"], (label, page.url, width)
    assert not _leftovers(page), (label, page.url, _leftovers(page))


def test_every_portal_page_fits_a_phone_and_speaks_chinese(page, api, app):
    page.set_viewport_size(PHONE)
    clerk = api.as_user("clerk_commerce")
    decided = decided_case(api)
    supplementing = clerk.accept_case(FOOD_LICENCE, materials=("M01", "M02"), decision="supplement",
                                      missing=["M03", "M04"], reason="营业执照须在有效期内")["case_no"]
    [licence] = clerk.get("/api/v1/licences", query_string={"case_no": decided}).get_json()
    question = app.test_client().post("/api/v1/public/feedback", json={
        "kind": "question", "subject_kind": "item", "item": FOOD_LICENCE, "title": "需要现场核查吗",
        "content": "小餐饮申请食品经营许可需要现场核查吗？"}).get_json()
    answer(api, question["number"], text="首次申请需现场核查。", publishable=True)

    for path in ("/", "/services", "/services?q=食品", f"/services/{FOOD_LICENCE}", "/disclosure",
                 f"/disclosure?q={decided}", "/progress", "/verify", "/rate", f"/rate?case_no={decided}",
                 "/feedback", "/feedback/track", f"/feedback/faq?item={FOOD_LICENCE}", "/my/login", "/my/register",
                 "/my/register?kind=organisation", f"/apply/{FOOD_LICENCE}", "/apply/files", "/apply/result"):
        page.goto(path)
        _check(page, path)

    page.goto(f"/progress?case_no={supplementing}")  # a result with its 补正 materials and where to bring them
    page.get_by_label("查询码").fill(case_query_code(app, supplementing))
    page.get_by_test_id("progress-submit").click()
    page.get_by_test_id("progress-supplement").wait_for()
    _check(page, "progress result")
    page.goto("/apply/result")
    page.get_by_label("办件编号").fill(supplementing)
    page.get_by_label("查询码").fill(case_query_code(app, supplementing))
    page.get_by_role("button", name="查询").click()
    page.wait_for_selector("[data-testid=result]")
    _check(page, "result with uploads")
    page.goto(f"/verify?number={licence['number']}&code={licence['verification_code']}")
    page.get_by_test_id("verify-result").wait_for()
    _check(page, "verified licence")
    page.goto("/feedback/track")
    page.get_by_test_id("track-number").fill(question["number"])
    page.get_by_test_id("track-code").fill(question["code"])
    page.get_by_test_id("track-submit").click()
    page.get_by_test_id("track-answer").wait_for()
    _check(page, "answered question")
    screenshot(page, "portal-pages-phone")
    assert not page.js_errors
