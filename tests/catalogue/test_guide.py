"""A citizen reads the service guide (办事指南) before coming to the centre — no login needed."""
from tests.support import FOOD_LICENCE


def test_the_guide_tells_a_citizen_what_to_bring_how_it_goes_how_long_and_where(client):
    response = client.get(f"/api/v1/guide/{FOOD_LICENCE}")
    assert response.status_code == 200
    guide = response.get_json()
    assert guide["name"] == "食品经营许可" and guide["department"] == "示范市市场监督管理局"
    assert "营业执照" in guide["acceptance_conditions"]
    first = guide["materials"][0]
    assert (first["name"], first["standard"], first["required"]) == ("食品经营许可申请书", "申请人签字或盖章", True)
    assert guide["steps"] == ["受理审查", "承办", "审核", "审批", "出件"]  # the BPMN user tasks
    assert (guide["legal_limit"], guide["promised_limit"]) == ("10个工作日", "5个工作日")
    assert guide["fee"] == "不收费"
    assert guide["place"] == {"centre": "示范市政务服务中心", "address": "示范市市民中心B座1-3层",
                              "phone": "0571-12345", "window": "商事登记综合窗口"}


def test_the_guide_page_is_public(client):
    page = client.get(f"/guide/{FOOD_LICENCE}", follow_redirects=True)  # the old address: now /services/<code>
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for text in ("食品经营许可", "食品经营许可申请书", "申请人签字或盖章", "示范市市民中心B座1-3层", "商事登记综合窗口", "审批"):
        assert text in html


def test_there_is_no_guide_for_an_unknown_item(client):
    assert client.get("/api/v1/guide/NO-SUCH-ITEM").status_code == 404
    assert client.get("/guide/NO-SUCH-ITEM", follow_redirects=True).status_code == 404
