"""Lists that scale (issue 13), through the pages: 办件查询 searched, sorted and paged in SQL with a constant
number of statements; the inbox filtered by step, item and colour with labelled counts; exports of the
lists as the role sees them."""
import io
import re
from contextlib import contextmanager
from datetime import timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from app.cases.lifecycle import now_utc
from app.cases.models import Case
from app.demo.bulk import seed_cases
from app.tasks.models import HumanTask
from tests.support import FOOD_LICENCE, VALID_PERSON

PHONE = "13955554321"


@pytest.fixture()
def many_cases(app, db):
    """60 demo cases in every state over the past weeks, then 50 食品经营许可 cases whose applicants share one
    phone."""
    with app.app_context():
        seed_cases(60, seed=1)
        seed_cases(110, seed=2, phone=PHONE, items=(FOOD_LICENCE,))
        db.session.commit()
        numbers = {row.status: row.n for row in db.session.execute(
            sa.select(Case.status, sa.func.count().label("n")).group_by(Case.status))}
        db.session.remove()
    return numbers


@contextmanager
def statements(app):
    """Count the SQL statements the block sends."""
    from app.extensions import db

    seen = []
    with app.app_context():
        engine = db.engine

    def count(*_args):
        seen.append(1)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)


def _case_numbers(html: str) -> list[str]:
    return re.findall(r'<tr data-case-no="([^"]+)"', html)


def test_a_clerk_pages_through_cases_found_by_phone_suffix_with_a_constant_number_of_statements(
        app, browser_for, many_cases):
    clerk = browser_for("clerk_commerce")
    first = clerk.get("/cases?suffix=4321&size=20").get_data(as_text=True)
    with app.app_context():
        from app.extensions import db
        expected = db.session.scalar(sa.select(sa.func.count()).select_from(Case).join(Case.item).where(
            Case.applicant_phone_suffix == "4321", sa.text("service_items.sector = 'commerce'")))
    assert expected > 40 and f'data-testid="case-total">{expected}<' in first
    assert len(_case_numbers(first)) == 20 and 'data-testid="page-3"' in first
    third = clerk.get("/cases?suffix=4321&size=20&page=3").get_data(as_text=True)
    assert 'aria-current="page" data-testid="page-current">3<' in third
    assert not set(_case_numbers(third)) & set(_case_numbers(first))

    with statements(app) as small:
        clerk.get("/cases?suffix=4321&size=20")
    with statements(app) as large:
        clerk.get("/cases?suffix=4321&size=100")
    assert len(small) == len(large) <= 12  # no statement per row


def test_case_list_filters_each_narrow_the_list_and_a_bad_value_is_named_not_applied(app, browser_for, many_cases):
    supervisor = browser_for("supervisor")
    everything = supervisor.get("/cases?size=100").get_data(as_text=True)
    total = int(re.search(r'data-testid="case-total">(\d+)<', everything).group(1))
    assert total == sum(many_cases.values())
    with app.app_context():
        from app.extensions import db
        sample = db.session.scalars(sa.select(Case).where(Case.status == "awaiting_issue")).first()
        case_no, name = sample.case_no, sample.applicant_name
        db.session.remove()

    def listed(query):
        html = supervisor.get(f"/cases?size=100&{query}").get_data(as_text=True)
        assert 'data-testid="pager"' in html
        return html, int(re.search(r'data-testid="case-total">(\d+)<', html).group(1))

    assert listed(f"case_no={case_no}")[1] == 1
    assert listed(f"case_no={case_no[:8]}")[1] >= 1
    html, _n = listed("status=awaiting_issue")
    assert _n == many_cases["awaiting_issue"] and "待出件" in html and "awaiting_issue</" not in html
    assert 0 < listed("item=330100-XK-002")[1] < total
    assert 0 < listed("department=ZJJ")[1] < total and listed("department=WJW")[1] == 0
    assert 0 < listed("level=red")[1] < total
    assert listed(f"name={name}")[1] >= 1
    assert listed("received_from=2000-01-01&received_to=2000-01-31")[1] == 0
    oldest_first = _case_numbers(listed("item=330100-XK-002&sort=received")[0])
    newest_first = _case_numbers(listed("item=330100-XK-002&sort=-received")[0])
    assert len(oldest_first) > 1 and oldest_first == newest_first[::-1]
    bad, count = listed("suffix=12&status=nonsense")
    assert count == total and "请输入证件号码或手机号码的后4位" in bad and "未知的办件状态" in bad
    assert "结果：准予许可" in everything and "approved<" not in everything  # labels, not enum values
    # the supervisor does not need the applicants' identities: persons' names are masked in the list
    assert name not in everything


def test_the_case_list_keeps_each_role_to_its_own_cases(browser_for, many_cases):
    handler = browser_for("scjgj_handler").get("/cases?item=330100-XK-002").get_data(as_text=True)
    assert 'data-testid="case-total">0<' in handler  # 施工许可 is 住建局's
    clerk = browser_for("clerk_construction").get("/cases?item=330100-XK-001").get_data(as_text=True)
    assert 'data-testid="case-total">0<' in clerk


def test_the_case_export_holds_the_filtered_rows_masked_and_formula_safe(app, api, browser_for):
    clerk_api = api.as_user("clerk_commerce")
    hostile = {**VALID_PERSON, "name": "=HYPERLINK(\"http://x\",\"点我\")"}
    case_no = clerk_api.accept_case(applicant=hostile)["case_no"]
    clerk_api.accept_case()
    response = browser_for("clerk_commerce").get(f"/cases/export.xlsx?case_no={case_no}")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == case_no
    header = rows[0]
    assert rows[1][header.index("申请人")] == "'=HYPERLINK(\"http://x\",\"点我\")"  # text, never a formula
    assert rows[1][header.index("证件号码")] == "1101**********002X"
    assert rows[1][header.index("联系电话")] == "138****5678"
    assert rows[1][header.index("状态")] == "办理中"

    supervisor = browser_for("supervisor").get(f"/cases/export.xlsx?case_no={case_no}")
    masked = list(load_workbook(io.BytesIO(supervisor.data), read_only=True).active.iter_rows(values_only=True))
    assert masked[1][header.index("申请人")] == "'=" + "*" * (len(hostile["name"]) - 1)


# -- the inbox ------------------------------------------------------------------------------------------------
def test_the_inbox_counts_colours_with_labels_filters_and_pages_in_constant_statements(app, browser_for, many_cases):
    handler = browser_for("scjgj_handler")
    page = handler.get("/inbox?size=20").get_data(as_text=True)
    counts = re.search(r'data-testid="colour-counts">(.*?)</p>', page, re.S).group(1)
    labelled = dict(re.findall(r'data-colour="(\w+)"[^>]*>(?:[^<]*?)(\d+)</a>', counts))
    assert set(labelled) == {"green", "yellow", "red", "paused"}
    assert re.search(r">绿 \d+</a>", counts) and re.search(r">红 \d+</a>", counts)
    total = int(re.search(r'data-testid="task-count">(\d+)<', page).group(1))
    assert total == sum(int(n) for n in labelled.values()) > 0

    red = handler.get("/inbox?colour=red&size=100").get_data(as_text=True)
    colours = set(re.findall(r'<tr class="row-\w+" data-case-no="[^"]+" data-colour="(\w+)"', red))
    assert colours == {"red"} and len(re.findall(r'data-colour="red"', red)) >= int(labelled["red"])

    handle = handler.get("/inbox?step=handle&size=100").get_data(as_text=True)
    assert "审核" not in re.sub(r"<select.*?</select>", "", handle, flags=re.S).split('data-testid="tasks"')[1]

    with statements(app) as small:
        handler.get("/inbox?size=20")
    with statements(app) as large:
        handler.get("/inbox?size=100")
    assert len(small) == len(large) <= 14


def test_a_step_past_its_own_limit_is_red_even_when_its_case_has_days_left(app, api, browser_for):
    case_no = api.as_user("clerk_commerce").accept_case()["case_no"]
    handler = browser_for("scjgj_handler")
    assert 'data-colour="green"' in handler.get("/inbox").get_data(as_text=True)
    with app.app_context():
        from app.extensions import db
        task = db.session.scalars(sa.select(HumanTask).join(Case).where(Case.case_no == case_no)).one()
        task.due_at = now_utc() - timedelta(hours=1)  # the step's limit timer is already past
        db.session.commit()
    page = handler.get("/inbox").get_data(as_text=True)
    row = re.search(rf'<tr class="row-(\w+)" data-case-no="{case_no}"', page)
    assert row.group(1) == "red" and "环节已超时" in page
    assert re.search(r">红 1</a>", page)
    assert case_no in handler.get("/inbox?colour=red").get_data(as_text=True)


def test_the_inbox_export_lists_the_filtered_tasks(api, browser_for):
    clerk = api.as_user("clerk_commerce")
    numbers = {clerk.accept_case()["case_no"] for _ in range(3)}
    response = browser_for("scjgj_handler").get("/inbox/export.xlsx?colour=green")
    rows = list(load_workbook(io.BytesIO(response.data), read_only=True).active.iter_rows(values_only=True))
    assert {r[0] for r in rows[1:]} == numbers and all(r[-1] == "绿" for r in rows[1:])
