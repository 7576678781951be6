"""证照核验 as a business partner meets it: the address of the licence's QR code verifies at once — valid, then
revoked after 撤销 — with the holder masked; a wrong code or a missing field is told on the page."""
from urllib.parse import urlsplit

from tests.conftest import PUBLIC_BASE_URL
from tests.documents.helpers import decided_case
from tests.support import VALID_PERSON


def _licence(api, case_no):
    clerk = api.as_user("clerk_commerce")
    [licence] = clerk.get("/api/v1/licences", query_string={"case_no": case_no}).get_json()
    return licence


def _qr_address(licence):
    """The path of the printed verification URL (app.documents.urls.verify_url), as a phone opens it."""
    url = f"{PUBLIC_BASE_URL}/verify?number={licence['number']}&code={licence['verification_code']}"
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_the_qr_address_verifies_a_valid_licence_then_shows_it_revoked(api, browser):
    licence = _licence(api, decided_case(api))
    page = browser.get(_qr_address(licence))
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'data-status="valid"' in html and "有效" in html
    assert "张*" in html and "张三" not in html and VALID_PERSON["id_number"] not in html
    assert licence["number"] in html and "市场监督管理局" in html

    revoked = api.as_user("scjgj_approver").post(f"/api/v1/licences/{licence['id']}/revoke",
                                                 json={"reason": "以欺骗手段取得许可"})
    assert revoked.status_code == 200
    html = browser.get(_qr_address(licence)).get_data(as_text=True)
    assert 'data-status="revoked"' in html and "已撤销" in html and "以欺骗手段" not in html


def test_the_form_verifies_too_and_a_wrong_code_or_a_missing_field_is_told(api, browser):
    licence = _licence(api, decided_case(api))
    blank = browser.get("/verify")
    assert blank.status_code == 200 and 'data-testid="verify-result"' not in blank.get_data(as_text=True)
    wrong = browser.get(f"/verify?number={licence['number']}&code=ZZZZZZ")
    assert wrong.status_code == 404 and "未找到匹配的电子证照" in wrong.get_data(as_text=True)
    missing = browser.get(f"/verify?number={licence['number']}&code=")
    assert missing.status_code == 422 and 'id="code-error"' in missing.get_data(as_text=True)
    typed = browser.get(f"/verify?number={licence['number']}&code={licence['verification_code'].lower()}")
    assert typed.status_code == 200 and 'data-status="valid"' in typed.get_data(as_text=True)
