"""统一身份认证: the province's OpenID Connect login, end to end against a real provider that the tests start on
localhost (oidc-provider-mock, a registered client with its secret and callback address, nonce required).
Without that package the stories are skipped with the reason in the summary."""
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import sqlalchemy as sa

from app.extensions import db
from app.portal.accounts.models import ApplicantAccount
from tests.conftest import PUBLIC_BASE_URL
from tests.support import VALID_COMPANY, VALID_PERSON

from .accounts_helpers import log_in, log_out, register_person

try:
    from oidc_provider_mock import run_server_in_thread
except ImportError as missing:  # pragma: no cover - the test extra installs it
    pytest.skip(f"SKIPPED 统一身份认证 tests: no OIDC provider to run ({missing}; pip install -e '.[test]')",
                allow_module_level=True)

#: the provider package still calls Authlib's older JWT configuration hook; not the portal's concern
pytestmark = pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")

CALLBACK = f"{PUBLIC_BASE_URL}/my/login/oidc/callback"
CITIZEN_CLAIMS = {"id_number": VALID_PERSON["id_number"], "name": "张三", "phone_number": "13812345678"}


@pytest.fixture(scope="module")
def provider():
    with run_server_in_thread(require_client_registration=True, require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture()
def provincial(app, provider, monkeypatch):
    """The portal configured as a registered client of the provider (its own secret, our callback only)."""
    registered = requests.post(f"{provider}/oauth2/clients", timeout=10, json={
        "redirect_uris": [CALLBACK], "token_endpoint_auth_method": "client_secret_basic"}).json()
    monkeypatch.setitem(app.config, "APPLICANT_OIDC_DISCOVERY_URL", provider)
    monkeypatch.setitem(app.config, "APPLICANT_OIDC_CLIENT_ID", registered["client_id"])
    monkeypatch.setitem(app.config, "APPLICANT_OIDC_CLIENT_SECRET", registered["client_secret"])
    return provider


def authorize(browser, provider, subject, claims):
    """The citizen clicks 统一身份认证登录 and logs in at the provider; returns the provider's redirect back."""
    assert requests.put(f"{provider}/users/{subject}", json=claims, timeout=10).status_code == 204
    start = browser.get("/my/login/oidc")
    assert start.status_code == 302
    location = start.headers["Location"]
    query = parse_qs(urlsplit(location).query)
    assert location.startswith(f"{provider}/oauth2/authorize")
    assert query["redirect_uri"] == [CALLBACK] and query["state"][0] and query["nonce"][0]
    answer = requests.post(location, data={"sub": subject}, allow_redirects=False, timeout=10)
    assert answer.status_code == 302 and answer.headers["Location"].startswith(CALLBACK)
    return answer.headers["Location"]


def come_back(browser, callback):
    parts = urlsplit(callback)
    return browser.get(f"{parts.path}?{parts.query}")


def _account(app, id_number):
    with app.app_context():
        return db.session.scalars(sa.select(ApplicantAccount).where(ApplicantAccount.id_number == id_number)).first()


def test_a_citizen_logs_in_by_the_provincial_login_and_sees_the_cases_of_their_verified_number(
        app, api, browser, provincial):
    window_case = api.as_user("clerk_commerce").accept_case(applicant=VALID_PERSON)["case_no"]
    page = browser.get("/my/login").get_data(as_text=True)
    assert 'data-testid="oidc-login"' in page
    back = come_back(browser, authorize(browser, provincial, "citizen-1", CITIZEN_CLAIMS))
    assert back.status_code == 302 and back.headers["Location"] == "/my"
    page = browser.get("/my").get_data(as_text=True)
    assert 'data-testid="account-verified"' in page
    assert f'data-number="{window_case}"' in page  # a window case of the real-name verified number
    account = _account(app, VALID_PERSON["id_number"])
    assert account.oidc_subject == "citizen-1" and account.password_hash is None and account.verified_at


def test_the_provincial_login_links_the_password_account_of_the_same_number(app, browser, provincial):
    register_person(browser, name="张三丰")
    log_out(browser)
    come_back(browser, authorize(browser, provincial, "citizen-2", CITIZEN_CLAIMS))
    with app.app_context():
        [account] = db.session.scalars(sa.select(ApplicantAccount)).all()
    assert account.oidc_subject == "citizen-2" and account.name == "张三"  # the verified name wins
    log_out(browser)
    assert log_in(browser, VALID_PERSON["id_number"]).status_code == 302  # the password still works


def test_an_enterprise_logs_in_with_its_credit_code_claim(app, browser, provincial):
    claims = {"credit_code": VALID_COMPANY["id_number"], "org_name": VALID_COMPANY["name"], "name": "王经理"}
    back = come_back(browser, authorize(browser, provincial, "enterprise-1", claims))
    assert back.status_code == 302
    account = _account(app, VALID_COMPANY["id_number"])
    assert (account.kind, account.name, account.contact_name) == ("organisation", VALID_COMPANY["name"], "王经理")


def test_a_callback_with_a_wrong_state_or_from_another_browser_logs_nobody_in(app, browser, provincial):
    callback = authorize(browser, provincial, "citizen-3", CITIZEN_CLAIMS)
    forged = callback.replace("state=", "state=x")
    refused = come_back(browser, forged)
    assert refused.status_code == 400 and "统一身份认证未完成" in refused.get_data(as_text=True)
    assert browser.get("/my").status_code == 302  # not logged in
    stranger = type(browser)(app.test_client())
    assert come_back(stranger, callback).status_code == 400  # the state belongs to the first browser's session
    assert _account(app, VALID_PERSON["id_number"]) is None


def test_a_login_without_a_valid_identity_number_is_refused(app, browser, provincial):
    claims = {"id_number": "110105194912310021", "name": "张三"}  # wrong check digit
    refused = come_back(browser, authorize(browser, provincial, "citizen-4", claims))
    assert refused.status_code == 422
    assert "统一身份认证未提供有效的身份证号码或统一社会信用代码" in refused.get_data(as_text=True)
    assert browser.get("/my").status_code == 302


def test_with_passwords_switched_off_the_login_page_offers_only_the_provincial_login(app, browser, provincial,
                                                                                    monkeypatch):
    monkeypatch.setitem(app.config, "APPLICANT_PASSWORD_LOGIN", False)
    page = browser.get("/my/login").get_data(as_text=True)
    assert 'data-testid="oidc-login"' in page and 'data-testid="applicant-login"' not in page
    assert browser.get("/my/register").status_code == 302


def test_without_a_configured_provider_there_is_no_provincial_login(browser):
    assert 'data-testid="oidc-login"' not in browser.get("/my/login").get_data(as_text=True)
    assert browser.get("/my/login/oidc").status_code == 404
