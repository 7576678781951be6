"""A citizen looks for an item in the public catalogue (/services): by name or code, browsing by department,
sector, service object, level and online depth, in the region they pick — only what is published and offered."""
import re

import sqlalchemy as sa

from app.catalogue.models import ItemMaterial, ServiceItem
from app.extensions import db
from tests.support import FOOD_LICENCE


def _codes(html: str) -> list[str]:
    return re.findall(r'class="catalogue-item" data-code="([^"]+)"', html)


def _page(browser, **args):
    response = browser.get("/services", query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_citizen_finds_the_food_licence_by_its_name_and_by_its_code(browser):
    html = _page(browser, q="食品经营")
    # the city's item and the districts' claims, which any centre of the city accepts (全城通办)
    assert _codes(html) == ["330100-XK-001", "330102-XK-001", "330103-XK-001"]
    assert "共 3 个事项" in html and 'href="/services/330100-XK-001"' in html
    assert _codes(_page(browser, q="xk-002")) == ["330100-XK-002"]  # codes are found whatever the case
    assert _codes(_page(browser, q="000116011000")) == ["330100-XK-001", "330102-XK-001", "330103-XK-001"]
    nothing = _page(browser, q="不存在的事项%")
    assert _codes(nothing) == [] and 'data-testid="no-results"' in nothing


def test_the_home_page_leads_to_the_catalogue_by_department_object_and_popular_items(app, browser):
    app.extensions.pop("portal_popular", None)
    html = browser.get("/").get_data(as_text=True)
    assert 'action="/services"' in html and 'data-testid="home-search"' in html  # the search form stays
    assert 'href="/services?department=SCJGJ"' in html and "示范市市场监督管理局" in html
    assert 'href="/services?object=person"' in html and 'href="/services?object=legal"' in html
    assert 'href="/services/330100-XK-001"' in html  # popular items (the catalogue's first while none decided)
    assert 'href="/services?theme=330100-YJS-001"' in html  # the published 一件事 (app.themes)


def test_filters_narrow_the_list_by_department_sector_object_level_and_depth(browser):
    assert _codes(_page(browser, department="ZJJ")) == ["330100-XK-002", "330100-XK-005"]
    assert _codes(_page(browser, sector="social")) == ["330100-XK-004"]
    # 个人 (自然人) may apply for the food licence and the fire check, not for the building permit
    person = _codes(_page(browser, object="person"))
    assert "330100-XK-001" in person and "330100-XK-006" in person and "330100-XK-002" not in person
    assert "330100-XK-002" in _codes(_page(browser, object="legal"))
    assert _codes(_page(browser, level="4")) == ["330100-JB-001"]
    assert _codes(_page(browser, depth="IV")) == ["330100-JB-001", "330100-XK-002"]
    assert _codes(_page(browser, q="食品", department="SCJGJ")) == [FOOD_LICENCE]


def test_a_bad_filter_value_is_named_next_to_its_field_and_not_applied(browser):
    html = _page(browser, department="NO-SUCH", depth="V", page="abc")
    assert 'data-field="department"' in html and "所选部门不存在" in html
    assert 'data-field="depth"' in html
    assert len(_codes(html)) == 10  # every item of the city's catalogue, unfiltered


def test_the_region_picked_shows_only_what_is_offered_there(browser):
    city = _codes(_page(browser))
    assert "330100-XK-002" in city and "330102-XK-001" in city
    # 东城区 implements its own food licence; 西城区's claim is on the 全城通办 list, so it is offered too;
    # the city's building permit is not offered in the district
    dongcheng = _codes(_page(browser, region="330102"))
    assert "330102-XK-001" in dongcheng and "330103-XK-001" in dongcheng and "330100-XK-002" not in dongcheng
    assert "330100-JB-001" in dongcheng  # on the 省内通办 list
    html = _page(browser, region="999999")
    assert "所选区划不存在" in html and _codes(html) == city


def test_drafts_and_retired_items_are_not_listed(app, browser):
    with app.app_context():
        item = db.session.scalars(sa.select(ServiceItem).where(ServiceItem.code == "330100-XK-004")).one()
        item.status = "retired"
        draft = ServiceItem(code="330100-XK-099", basic_code="000199", name="草稿中的食品事项", item_type="01",
                            exercise_level="3", case_type="2", sector="commerce", department_id=item.department_id,
                            region_id=item.region_id, legal_limit=10, promised_limit=5, process_key="standard_approval",
                            status="draft", version=1)
        db.session.add(draft)
        db.session.commit()
    html = _page(browser)
    assert "330100-XK-004" not in _codes(html) and "330100-XK-099" not in _codes(html)
    assert "草稿中的食品事项" not in _page(browser, q="食品")
    assert browser.get("/services/330100-XK-099").status_code == 404
    assert browser.get("/services/330100-XK-004").status_code == 404


def test_a_long_list_is_paged_with_the_filters_kept(app, browser):
    with app.app_context():
        template = db.session.scalars(sa.select(ServiceItem).where(ServiceItem.code == FOOD_LICENCE)).one()
        for n in range(15):
            db.session.add(ServiceItem(
                code=f"330100-GG-{n:03d}", basic_code=f"0001{n:03d}", name=f"公共服务事项{n:02d}", item_type="20",
                exercise_level="3", case_type="2", sector="social", department_id=template.department_id,
                region_id=template.region_id, legal_limit=10, promised_limit=5, process_key="standard_approval",
                status="published", version=1, service_objects=["1"],
                materials=[ItemMaterial(code="M01", name="申请表", position=0)]))
        db.session.commit()
    first = _page(browser, q="公共服务事项")
    assert "共 15 个事项" in first and len(_codes(first)) == 10 and "第 1 / 2 页" in first
    assert 'href="/services?q=%E5%85%AC%E5%85%B1%E6%9C%8D%E5%8A%A1%E4%BA%8B%E9%A1%B9' in first
    second = _page(browser, q="公共服务事项", page=2)
    assert _codes(second) == [f"330100-GG-{n:03d}" for n in range(10, 15)] and "第 2 / 2 页" in second
    assert _codes(_page(browser, q="公共服务事项", page=99)) == _codes(second)  # past the end: the last page
