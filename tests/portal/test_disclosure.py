"""办件公示 (阳光审批): anyone sees the decided cases per item and department — organisations by name, persons
masked, nothing else personal — searched and paged."""
import datetime as dt
import re

import sqlalchemy as sa

from app.cases.models import Case
from app.catalogue.models import ServiceItem
from app.extensions import db
from tests.support import FOOD_LICENCE, VALID_COMPANY, VALID_PERSON

PERSON = {**VALID_PERSON, "name": "张三丰"}


def _decide(api, applicant, decision="approve", item=FOOD_LICENCE):
    case_no = api.as_user("clerk_commerce").accept_case(item, applicant=applicant)["case_no"]
    api.as_user("scjgj_handler").decide(case_no)
    api.as_user("scjgj_reviewer").decide(case_no)
    api.as_user("scjgj_approver").decide(case_no, decision, "同意" if decision == "approve" else "场所不符合要求")
    return case_no


def _cases(html: str) -> list[str]:
    return re.findall(r'<tr data-case="([^"]+)">', html)


def _page(browser, **args) -> str:
    response = browser.get("/disclosure", query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_decided_cases_are_published_with_the_person_masked_and_the_organisation_named(api, browser):
    person_case = _decide(api, PERSON)
    company_case = _decide(api, VALID_COMPANY, decision="reject")
    running = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]  # not decided yet
    html = _page(browser)
    assert _cases(html) == [company_case, person_case]  # newest decision first
    assert running not in html and "共 2 件" in html
    assert "张**" in html and "张三丰" not in html
    assert VALID_COMPANY["name"] in html
    person_row = html[html.index(f'data-case="{person_case}"'):].split("</tr>")[0]
    assert "准予" in person_row and "食品经营许可" in person_row and "示范市市场监督管理局" in person_row
    assert "2026-03-02" in person_row and "按时" in person_row
    assert "不予" in html[html.index(f'data-case="{company_case}"'):].split("</tr>")[0]
    # nothing personal beyond the masked name: no ID numbers (full or masked), phones or form answers
    for secret in (PERSON["id_number"], PERSON["id_number"][-4:] + "<", VALID_COMPANY["id_number"], PERSON["phone"],
                   VALID_COMPANY["phone"], "示范市人民路1号", "1101**"):
        assert secret not in html, secret


def test_the_list_is_searched_by_case_number_item_and_department(api, browser):
    food = _decide(api, PERSON)
    other = _decide(api, VALID_COMPANY)
    assert _cases(_page(browser, q=food)) == [food]
    assert _cases(_page(browser, q=food.lower())) == [food]
    assert set(_cases(_page(browser, q="食品经营"))) == {food, other}
    assert set(_cases(_page(browser, q="市场监督管理局"))) == {food, other}
    assert _cases(_page(browser, q="建筑工程")) == []
    assert set(_cases(_page(browser, item=FOOD_LICENCE))) == {food, other}
    assert _cases(_page(browser, item="330100-XK-002")) == []
    assert set(_cases(_page(browser, department="SCJGJ"))) == {food, other}
    assert _cases(_page(browser, department="ZJJ")) == []
    bad = _page(browser, item="NO-SUCH", department="NOPE")
    assert 'data-field="item"' in bad and 'data-field="department"' in bad and len(_cases(bad)) == 2


def test_a_case_decided_after_its_deadline_is_shown_late(app, api, browser):
    case_no = _decide(api, PERSON)
    with app.app_context():
        case = db.session.scalars(sa.select(Case).where(Case.case_no == case_no)).one()
        case.deadline = dt.date(2026, 3, 1)
        db.session.commit()
    row = _page(browser).split(f'data-case="{case_no}"')[1].split("</tr>")[0]
    assert "超期" in row


def test_an_item_withheld_from_publication_keeps_its_cases_off_the_list(app, api, browser):
    case_no = _decide(api, PERSON)
    with app.app_context():
        item = db.session.scalars(sa.select(ServiceItem).where(ServiceItem.code == FOOD_LICENCE)).one()
        item.disclose_cases, item.disclosure_note = False, "涉及个人隐私"
        db.session.commit()
    html = _page(browser)
    assert case_no not in html and _cases(html) == []
    assert f'<option value="{FOOD_LICENCE}"' not in html  # nor offered as a filter


def test_a_long_list_is_paged_in_twenties(app, api, browser):
    first = _decide(api, PERSON)
    with app.app_context():
        case = db.session.scalars(sa.select(Case).where(Case.case_no == first)).one()
        columns = {c.name: getattr(case, c.key) for c in Case.__table__.columns
                   if c.name not in ("id", "case_no", "workflow_instance_id")}
        instance = case.workflow_instance
        for n in range(24):  # copies of the decided case, decided a minute apart (each its own engine row)
            clone = instance.__class__(definition_id=instance.definition_id, state=instance.state,
                                       serializer_version=instance.serializer_version, completed=True)
            db.session.add(clone)
            db.session.flush()
            db.session.add(Case(**{**columns, "case_no": f"{first}-{n:02d}", "workflow_instance_id": clone.id,
                                   "decided_at": case.decided_at - dt.timedelta(minutes=n + 1)}))
        db.session.commit()
    page_one = _page(browser)
    assert "共 25 件" in page_one and len(_cases(page_one)) == 20 and "第 1 / 2 页" in page_one
    page_two = _page(browser, page=2)
    assert _cases(page_two) == [f"{first}-{n:02d}" for n in range(19, 24)]
    assert 'href="/disclosure?page=1"' in page_two
