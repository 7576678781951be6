"""A citizen reads an item's 办事指南 on the portal before going to a centre or applying online; the old
address printed on notices (/guide/<code>) still leads there."""
import sqlalchemy as sa
from marshmallow import ValidationError

from app.catalogue.models import ServiceItem
from app.catalogue.version_schemas import MaterialInputSchema
from app.extensions import db
from app.network.models import Department
from tests.support import FOOD_LICENCE


def _guide(browser, code=FOOD_LICENCE) -> str:
    response = browser.get(f"/services/{code}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_guide_tells_conditions_basis_materials_limits_fees_and_phones(browser):
    html = _guide(browser)
    for text in ("食品经营许可", "示范市市场监督管理局", "已取得营业执照或其他主体资格证明文件",  # conditions
                 "《中华人民共和国食品安全法》第三十五条",  # legal basis
                 "食品经营许可申请书", "申请人签字或盖章", "市场监督管理部门", "原件 1 份", "复印件 1 份", "非必要",
                 "委托代理人办理的",  # a situational material says when it is needed
                 "法定时限", "10 个工作日", "承诺时限", "5 个工作日", "不收费", "网办深度 III",
                 "0571-87001201", "0571-12315"):  # 咨询 and 监督 phones of the department
        assert text in html, text
    assert 'href="/static/samples/food-licence-application.html"' in html  # the sample of the application
    assert 'href="/apply/330100-XK-001"' in html  # the item has an application form
    assert 'href="/disclosure?item=330100-XK-001"' in html


def test_the_guide_lists_every_centre_offering_the_item_with_address_hours_phone_and_windows(browser):
    html = _guide(browser)
    places = html[html.index('data-testid="guide-places"'):]
    for text in ("示范市政务服务中心", "示范市市民中心B座1-3层", "周一至周五 9:00-17:00，周六 9:00-12:00", "0571-12345",
                 "商事登记综合窗口", "全科窗口"):
        assert text in places, text
    # the city's own item is not on a 通办 list: the district centres do not offer it
    assert "东城区政务服务中心" not in places
    # 东城区's claim is on the 全城通办 list: its own centre first, then the other centres of the city
    district = _guide(browser, "330102-XK-001")
    places = district[district.index('data-testid="guide-places"'):]
    assert places.index("东城区政务服务中心") < places.index("示范市政务服务中心")
    assert "西城区政务服务中心" in places and "东城区全科窗口" in places


def test_the_guide_draws_the_process_and_lists_its_steps(browser):
    html = _guide(browser)
    assert 'data-src="/services/330100-XK-001/process.bpmn"' in html
    assert "bpmn-navigated-viewer.production.min.js" in html and "js/portal-guide.js" in html
    for step in ("受理审查", "承办", "审核", "审批", "出件"):
        assert f"<li>{step}</li>" in html
    diagram = browser.get("/services/330100-XK-001/process.bpmn")
    assert diagram.status_code == 200 and diagram.mimetype == "application/xml"
    xml = diagram.get_data(as_text=True)
    assert "bpmndi:BPMNShape" in xml and 'name="审批"' in xml
    # drawing only: no candidate groups, scripts or conditions of the engine are published
    assert "candidateGroups" not in xml and "camunda" not in xml and "conditionExpression" not in xml


def test_phones_fall_back_to_the_centre_and_the_hotline_when_the_department_has_none(app, browser):
    with app.app_context():
        department = db.session.scalars(sa.select(Department).where(Department.code == "SCJGJ")).one()
        department.consult_phone = department.supervision_phone = ""
        db.session.commit()
    html = _guide(browser)
    consult = html[html.index('data-testid="consult-phone"'):]
    assert consult.index("0571-12345") < consult.index('data-testid="supervision-phone"')
    assert "12345" in html[html.index('data-testid="supervision-phone"'):][:200]


def test_an_item_without_a_form_has_no_online_application_and_says_so(app, browser):
    with app.app_context():
        item = db.session.scalars(sa.select(ServiceItem).where(ServiceItem.code == "330100-XK-002")).one()
        item.form_schema = None
        db.session.commit()
    html = _guide(browser, "330100-XK-002")
    assert 'href="/apply/330100-XK-002"' not in html and "本事项暂不支持在线申报" in html


def test_the_guide_page_leaves_a_place_for_the_item_s_faq(app, browser):
    # another section provides portal/_item_faq.html; until then the page renders without it
    with app.app_context():
        template = app.jinja_env.get_template("portal/guide.html")
    assert "portal/_item_faq.html" in open(template.filename, encoding="utf-8").read()
    assert _guide(browser).count('data-testid="guide"') == 1


def test_the_old_guide_address_redirects_to_the_new_page(browser):
    response = browser.get(f"/guide/{FOOD_LICENCE}?from=notice")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"/services/{FOOD_LICENCE}?from=notice")
    assert browser.get("/guide/NO-SUCH-ITEM", follow_redirects=True).status_code == 404


def test_an_item_withheld_from_disclosure_says_why_and_has_no_disclosure_link(app, browser):
    with app.app_context():
        item = db.session.scalars(sa.select(ServiceItem).where(ServiceItem.code == FOOD_LICENCE)).one()
        item.disclose_cases, item.disclosure_note = False, "涉及商业秘密"
        db.session.commit()
    html = _guide(browser)
    assert 'href="/disclosure?item=330100-XK-001"' not in html and "涉及商业秘密" in html


def test_the_administrator_sets_the_phones_that_the_guide_prints(app, browser_for, browser):
    with app.app_context():
        department_id = db.session.scalars(sa.select(Department.id).where(Department.code == "SCJGJ")).one()
    admin = browser_for("admin")
    admin.get(f"/admin/departments/{department_id}")
    bad = admin.post(f"/admin/departments/{department_id}", {"name": "示范市市场监督管理局", "consult_phone": "call us"})
    assert bad.status_code == 422 and "电话号码格式不正确" in bad.get_data(as_text=True)
    saved = admin.post(f"/admin/departments/{department_id}", {
        "name": "示范市市场监督管理局", "consult_phone": "0571-88880001", "supervision_phone": "0571-88889999"})
    assert saved.status_code == 302
    html = _guide(browser)
    assert "0571-88880001" in html and "0571-88889999" in html


def test_a_sample_link_is_a_site_path_or_a_web_address_never_a_script():
    material = {"code": "M01", "name": "申请书"}
    for good in ("/static/samples/a.pdf", "https://zwfw.example.gov.cn/samples/a.pdf"):
        assert MaterialInputSchema().load({**material, "sample_url": good})["sample_url"] == good
    for bad in ("javascript:alert(1)", "//evil.example/x", "data:text/html,<b>", "/a\" onmouseover=\"x"):
        try:
            MaterialInputSchema().load({**material, "sample_url": bad})
        except ValidationError as error:
            assert "sample_url" in error.messages
        else:
            raise AssertionError(f"accepted {bad}")
