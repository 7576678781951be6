"""The city supervisor drills the statistics down region → centre → window → person on the supervision page;
a district supervisor's page stays inside its district."""
from tests.support import FOOD_LICENCE

FOOD_BASIC = "000116011000"
MATERIALS = ["M01", "M02", "M03", "M04"]


def test_the_city_supervisor_drills_down_from_districts_to_the_clerk(api, browser_for):
    api.as_user("clerk_dongcheng").accept_case(FOOD_BASIC, region="330103", materials=MATERIALS)  # 代收 for 西城区
    api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
    city = browser_for("supervisor")
    page = city.get("/supervision").get_data(as_text=True)
    assert 'data-testid="drill-rows"' in page and "东城区" in page and "西城区" in page
    assert "/supervision?group_by=region&amp;region=330102" in page  # a district row drills into the district
    district = city.get("/supervision?group_by=centre&region=330102").get_data(as_text=True)
    assert "东城区政务服务中心" in district and "示范市政务服务中心" not in district.split('data-testid="drill-rows"')[1]
    # drilling into a region narrows the whole page: its departments' figures come next
    xicheng = city.get("/supervision?group_by=centre&region=330103").get_data(as_text=True)
    departments = xicheng.split('data-testid="statistics"')[1].split("</table>")[0]
    assert "西城区市场监督管理局" in departments and "示范市市场监督管理局" not in departments
    people = city.get("/supervision?group_by=person&region=330102").get_data(as_text=True)
    assert "clerk_dongcheng" in people.split('data-testid="drill-rows"')[1]


def test_a_district_supervisor_cannot_drill_into_the_other_district(browser_for):
    dongcheng = browser_for("supervisor_dongcheng")
    assert dongcheng.get("/supervision").status_code == 200
    assert dongcheng.get("/supervision?group_by=centre&region=330103").status_code == 403
