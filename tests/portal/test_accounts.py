"""我的办事: a citizen or an enterprise registers (numbers checked by GB 11643 / GB 32100), logs in and out,
is throttled after repeated failures, applies online while logged in and finds the application — and only
their own — in 我的办件."""
import sqlalchemy as sa

from app.applications.models import OnlineApplication
from app.cases.models import Case
from app.extensions import db
from app.portal.accounts.models import ApplicantAccount
from app.portal.accounts.session import owns_application, owns_case
from tests.documents.helpers import BUILDING_DEPARTMENT, BUILDING_PERMIT
from tests.support import FOOD_LICENCE, VALID_COMPANY, VALID_PERSON

from .accounts_helpers import (
    OTHER_PERSON, PASSWORD, apply_online, log_in, log_out, pass_pre_review, register_enterprise, register_person,
)


def _accounts(app):
    with app.app_context():
        return db.session.scalars(sa.select(ApplicantAccount)).all()


def _error_of(page: str, field: str) -> str:
    marker = f'class="error" data-field="{field}">'
    assert marker in page, f"no error next to {field}"
    return page.split(marker, 1)[1].split("</div>", 1)[0]


def test_a_citizen_registers_is_logged_in_and_sees_an_empty_list_with_the_number_masked(app, browser):
    response = register_person(browser)
    assert response.status_code == 302 and response.headers["Location"].endswith("/my")
    page = browser.get("/my").get_data(as_text=True)
    assert 'data-testid="my-records-empty"' in page
    assert VALID_PERSON["id_number"] not in page and "1101**********002X" in page
    assert VALID_PERSON["phone"] not in page and "138****5678" in page
    assert 'data-testid="applicant-name"' in page and "张*" in page  # the header names the person masked
    [account] = _accounts(app)
    assert account.kind == "person" and account.password_hash.startswith("$argon2id$")


def test_registration_errors_are_shown_next_to_the_fields_and_nothing_is_saved(app, browser):
    response = register_person(browser, id_number="110105194912310021", phone="12345", password="short",
                               password_again="short")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert _error_of(page, "id_number") == "身份证号码校验位错误"
    assert _error_of(page, "phone") == "请输入11位手机号或带区号的固定电话"
    assert _error_of(page, "password") == "密码至少8位，须同时包含字母和数字"
    assert _error_of(register_person(browser, name="").get_data(as_text=True), "name") == "此项必填"
    mismatch = register_person(browser, password_again="Kaixin2027").get_data(as_text=True)
    assert _error_of(mismatch, "password_again") == "两次输入的密码不一致"
    assert _accounts(app) == []


def test_an_enterprise_registers_with_its_credit_code_and_contact_person(app, browser):
    wrong = register_enterprise(browser, id_number="91350100M000100Y44", contact_name="")
    page = wrong.get_data(as_text=True)
    assert wrong.status_code == 422 and _error_of(page, "id_number") == "统一社会信用代码校验位错误"
    assert _error_of(page, "contact_name") == "此项必填"
    assert register_enterprise(browser, id_number=" 91350100m000100y43 ").status_code == 302
    page = browser.get("/my").get_data(as_text=True)
    assert VALID_COMPANY["name"] in page  # organisations are shown by name
    [account] = _accounts(app)
    assert (account.kind, account.id_number, account.contact_name) == ("organisation", VALID_COMPANY["id_number"],
                                                                        "王经理")


def test_a_number_can_be_registered_only_once(app, browser):
    assert register_person(browser).status_code == 302
    log_out(browser)
    again = register_person(browser, name="冒名者", id_number=VALID_PERSON["id_number"].lower())
    assert again.status_code == 409
    assert _error_of(again.get_data(as_text=True), "id_number") == "该证件号码已注册，请直接登录"
    assert len(_accounts(app)) == 1


def test_log_in_and_out_with_the_id_number(browser):
    register_person(browser)
    log_out(browser)
    assert browser.get("/my").headers["Location"].startswith("/my/login")
    wrong = log_in(browser, VALID_PERSON["id_number"], "Wrong2026")
    assert wrong.status_code == 401 and _error_of(wrong.get_data(as_text=True), "password") == "证件号码或密码错误"
    right = log_in(browser, VALID_PERSON["id_number"])
    assert right.status_code == 302 and right.headers["Location"] == "/my"
    assert browser.get("/my").status_code == 200
    out = log_out(browser)
    assert out.status_code == 302
    page = browser.get("/").get_data(as_text=True)
    assert 'data-testid="account-login"' in page and 'data-testid="applicant-name"' not in page


def test_an_applicant_session_is_not_a_staff_session(browser):
    register_person(browser)
    assert browser.get("/workbench").headers["Location"].startswith("/login")


def test_repeated_failed_logins_are_throttled_per_number_without_locking_out_others(browser, app):
    register_person(browser)
    log_out(browser)
    register_person(browser, person=OTHER_PERSON)
    log_out(browser)
    for _ in range(app.config["LOGIN_FAILURES_PER_USER"]):
        assert log_in(browser, VALID_PERSON["id_number"], "Wrong2026").status_code == 401
    blocked = log_in(browser, VALID_PERSON["id_number"])  # even the right password, for now
    assert blocked.status_code == 429 and "登录失败次数过多" in blocked.get_data(as_text=True)
    assert log_in(browser, OTHER_PERSON["id_number"]).status_code == 302
    with app.app_context():  # the throttle keeps digests, never ID numbers
        stored = db.session.scalars(sa.text("SELECT username FROM login_attempts")).all()
    assert stored and all(VALID_PERSON["id_number"] not in name for name in stored)


def test_repeated_failed_logins_from_one_address_are_throttled(browser, app, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_FAILURES_PER_ADDRESS", 3)
    register_person(browser)
    log_out(browser)
    for number in ("110105199003071239", "11010519491231002X", "110105199003071239"):
        assert log_in(browser, number, "Wrong2026").status_code == 401
    assert log_in(browser, VALID_PERSON["id_number"]).status_code == 429


def test_an_application_made_while_logged_in_is_prefilled_and_listed_with_its_status(browser):
    register_person(browser)
    form = browser.get(f"/apply/{FOOD_LICENCE}").get_data(as_text=True)
    assert f'value="{VALID_PERSON["id_number"]}"' in form and f'value="{VALID_PERSON["name"]}"' in form
    application_no = apply_online(browser)
    page = browser.get("/my").get_data(as_text=True)
    assert f'data-number="{application_no}"' in page
    record = page.split(f'data-number="{application_no}"', 1)[1].split("</li>", 1)[0]
    assert "待预审" in record and "食品经营许可" in record
    assert f"/apply/files?application_no={application_no}" in record


def test_the_list_shows_only_the_account_s_own_records(api, browser, app):
    register_person(browser)
    mine = apply_online(browser)
    case_no = pass_pre_review(api, mine)
    log_out(browser)
    # an application made without logging in, and a window case, both with the same ID number
    anonymous = apply_online(browser)
    window_case = api.as_user("clerk_commerce").accept_case(applicant=VALID_PERSON)["case_no"]

    register_person(browser, person=OTHER_PERSON)
    theirs = apply_online(browser, applicant=OTHER_PERSON)
    page = browser.get("/my").get_data(as_text=True)
    assert f'data-number="{theirs}"' in page
    for other in (mine, case_no, anonymous, window_case):
        assert other not in page

    log_out(browser)
    log_in(browser, VALID_PERSON["id_number"])
    page = browser.get("/my").get_data(as_text=True)
    record = page.split(f'data-number="{case_no}"', 1)[1].split("</li>", 1)[0]
    assert mine in record and "办理中" in record  # the accepted application is shown once, as its case
    assert f"/progress?case_no={case_no}" in record and f"/apply/result?case_no={case_no}" in record
    assert 'data-testid="my-record-case-no"' in record
    assert page.count('data-testid="my-record"') == 1  # not the other account's, not the anonymous ones
    assert anonymous not in page and window_case not in page  # a typed number is not a verified one


def test_the_owner_downloads_the_licence_from_my_cases_and_nobody_else_can(api, browser, app):
    register_enterprise(browser)
    company = {**VALID_COMPANY, "phone": "13900001234"}
    materials = [m["code"] for m in api.as_user("clerk_construction").get(f"/api/v1/items/{BUILDING_PERMIT}").get_json()["materials"]]
    application_no = apply_online(browser, BUILDING_PERMIT, company, materials)
    case_no = pass_pre_review(api, application_no, clerk="clerk_construction")
    for user in BUILDING_DEPARTMENT:
        api.as_user(user).decide(case_no)
    page = browser.get("/my").get_data(as_text=True)
    record = page.split(f'data-number="{case_no}"', 1)[1].split("</li>", 1)[0]
    assert 'data-testid="my-record-licence"' in record and "准予许可" in record
    download = browser.post(f"/my/cases/{case_no}/licence.pdf")
    assert download.status_code == 200 and download.data.startswith(b"%PDF")
    assert download.headers["Content-Disposition"].startswith("attachment;")

    log_out(browser)
    register_person(browser, person=OTHER_PERSON)
    assert f'data-number="{case_no}"' not in browser.get("/my").get_data(as_text=True)
    assert browser.post(f"/my/cases/{case_no}/licence.pdf").status_code == 404


def test_owns_application_and_owns_case_answer_for_the_logged_in_account(api, browser, app):
    register_person(browser)
    application_no = apply_online(browser)
    case_no = pass_pre_review(api, application_no)

    def owned(client):
        with client:
            client.get("/")  # the request context stays open inside ``with client``
            application = db.session.scalars(sa.select(OnlineApplication).where(
                OnlineApplication.application_no == application_no)).one()
            case = db.session.scalars(sa.select(Case).where(Case.case_no == case_no)).one()
            return owns_application(application), owns_case(case)

    assert owned(browser.client) == (True, True)
    assert owned(app.test_client()) == (False, False)


def test_the_logged_in_owner_opens_their_own_pages_without_the_query_code_and_nobody_else_does(api, browser, app):
    register_person(browser)
    application_no = apply_online(browser)
    files = browser.get(f"/apply/files?application_no={application_no}").get_data(as_text=True)
    assert application_no in files and 'id="code"' not in files  # the uploads, no code asked of the owner
    case_no = pass_pre_review(api, application_no)
    result = browser.get(f"/apply/result?case_no={case_no}")
    assert result.status_code == 200 and "食品经营许可" in result.get_data(as_text=True)
    assert 'id="code"' not in result.get_data(as_text=True)  # no code asked of the owner
    log_out(browser)
    register_person(browser, person=OTHER_PERSON)
    stranger = browser.get(f"/apply/result?case_no={case_no}").get_data(as_text=True)
    assert 'id="code"' in stranger and "办理进度" not in stranger.split('id="code"', 1)[1]
