"""The supervisor's day on the supervision page: drill department → window → person with a link at every level
and breadcrumbs back, four charts with axes and values, each downloadable as SVG, PNG and Excel, and any
period's statistics as Excel. The carded department appeals on its own page and the supervisor decides."""
import io
from datetime import date

from openpyxl import load_workbook

from tests.frozen_clock import clock  # noqa: F401  (fixture)
from tests.support import FOOD_LICENCE


def _rows(html: str) -> str:
    return html.split('data-testid="drill-rows"')[1].split("</table>")[0]


def test_the_supervisor_drills_from_a_department_to_its_windows_and_clerks_and_exports_the_list(api, browser_for):
    for _ in range(2):
        api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
    supervisor = browser_for("supervisor")
    page = supervisor.get("/supervision").get_data(as_text=True)
    departments = page.split('data-testid="statistics"')[1].split("</table>")[0]
    assert "/supervision?group_by=window&amp;region=330100&amp;department=SCJGJ&amp;" in departments  # drills down

    windows = supervisor.get("/supervision?group_by=window&department=SCJGJ").get_data(as_text=True)
    crumbs = windows.split('data-testid="drill-breadcrumbs"')[1].split("</nav>")[0]
    assert "部门" in crumbs and "示范市市场监督管理局" in crumbs and "<strong>窗口</strong>" in crumbs
    assert "W-COMMERCE" in _rows(windows) and "W-CONSTRUCTION" not in _rows(windows)
    link = _rows(windows).split('href="')[1].split('"')[0].replace("&amp;", "&")
    assert "group_by=person" in link and "department=SCJGJ" in link and "window=" in link

    people = supervisor.get(link).get_data(as_text=True)
    assert "clerk_commerce" in _rows(people) and "<strong>人员</strong>" in people
    crumbs = people.split('data-testid="drill-breadcrumbs"')[1].split("</nav>")[0]
    assert crumbs.count("<a ") == 3  # 部门 › 市场监管局 › 商事窗口 › 人员: every level above links back

    export = supervisor.get(link.replace("/supervision?", "/supervision/export/drill.xlsx?"))
    assert export.status_code == 200 and export.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(export.data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("代码", "人员", "收件")
    assert rows[1][0] == "clerk_commerce" and rows[1][2] == 2


def test_each_chart_downloads_as_svg_png_and_excel_with_its_values(api, browser_for):
    api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
    supervisor = browser_for("supervisor")
    page = supervisor.get("/supervision").get_data(as_text=True)
    for kind in ("on_time", "overdue", "ratings", "online"):
        assert f'data-chart="{kind}"' in page and f'data-testid="chart-{kind}-png"' in page
    assert "style=" not in page.split('data-testid="charts"')[1].split("</section>")[0]  # CSP: no inline styles

    svg = supervisor.get("/supervision/export/charts/online.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    text = svg.get_data(as_text=True)
    assert text.startswith("<?xml") and "各部门网上申报占比" in text and "网上申报占比（网上申报 / 收件）" in text
    assert 'data-value="SCJGJ"' in text and "0% (0/1)" in text  # one window case, none online
    assert "100%" in text  # the axis ticks 0 … 100 %

    png = supervisor.get("/supervision/export/charts/on_time.png")
    assert png.status_code == 200 and png.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert "attachment" in png.headers["Content-Disposition"]

    xlsx = supervisor.get("/supervision/export/charts/overdue.xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.data)).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("部门代码", "部门", "数值", "明细") and ("SCJGJ", "示范市市场监督管理局", 0, "0") in rows
    assert supervisor.get("/supervision/export/charts/nope.svg").status_code == 404
    assert browser_for("scjgj_head").get("/supervision/export/charts/online.svg").status_code == 403


def test_the_statistics_of_any_period_export_as_excel(api, browser_for, clock):
    clock.set(date(2026, 1, 12))
    api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
    clock.set(date(2026, 3, 2))
    supervisor = browser_for("supervisor")
    january = supervisor.get("/supervision/export/statistics.xlsx?from=2026-01-01&to=2026-01-31&group_by=department")
    book = load_workbook(io.BytesIO(january.data))
    assert book.sheetnames == ["部门统计", "部门", "图表数据"]
    scjgj = next(r for r in book["部门统计"].iter_rows(values_only=True) if r[0] == "SCJGJ")
    assert scjgj[2] == 1  # accepted in January
    february = supervisor.get("/supervision/export/statistics.xlsx?from=2026-02-01&to=2026-02-28")
    scjgj = next(r for r in load_workbook(io.BytesIO(february.data))["部门统计"].iter_rows(values_only=True)
                 if r[0] == "SCJGJ")
    assert scjgj[2] == 0
    assert supervisor.get("/supervision/export/statistics.xlsx?from=2026-02-01&to=2026-01-01").status_code == 422
    # the calendar's ends and ids past any column are refused or ignored, never a 500
    assert supervisor.get("/supervision/export/charts/on_time.png?from=0001-01-01&to=9999-12-31").status_code == 422
    assert supervisor.get("/supervision?group_by=person&window=99999999999999999999").status_code == 200


def test_the_carded_department_appeals_on_its_page_and_the_supervisor_decides(api, browser_for, clock):
    clock.set(date(2025, 9, 30))
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    clock.set(date(2025, 10, 15))
    api.as_user("supervisor").post("/api/v1/supervision/recompute")
    handler = browser_for("scjgj_handler")
    page = handler.get("/supervision/cards").get_data(as_text=True)
    assert case_no in page and 'data-testid="card-appeal"' not in page  # a handler reads, does not appeal
    head = browser_for("scjgj_head")
    page = head.get("/supervision/cards").get_data(as_text=True)
    card_id = page.split('data-card="')[1].split('"')[0]
    assert head.post(f"/supervision/cards/{card_id}/appeal", {"reason": ""}).status_code == 302
    assert 'data-status="issued"' in head.get("/supervision/cards").get_data(as_text=True)  # not appealed
    head.post(f"/supervision/cards/{card_id}/appeal", {"reason": "申请人要求暂缓"})
    assert "申请人要求暂缓" in head.get("/supervision/cards?status=appealed").get_data(as_text=True)
    assert browser_for("zjj_head").get("/supervision/cards").get_data(as_text=True).count("data-card=") == 0
    supervisor = browser_for("supervisor")
    supervisor.get("/supervision")
    supervisor.post(f"/supervision/cards/{card_id}/decision", {"decision": "withdrawn", "note": "计时有误"})
    assert 'data-status="revoked"' in head.get("/supervision/cards").get_data(as_text=True)


def test_the_centre_path_links_every_level_down_to_the_clerks(api, browser_for):
    api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
    supervisor = browser_for("supervisor")
    centres = supervisor.get("/supervision?group_by=centre").get_data(as_text=True)
    link = _rows(centres).split('href="')[1].split('"')[0].replace("&amp;", "&")
    assert "group_by=window" in link and "centre=" in link
    windows = supervisor.get(link).get_data(as_text=True)
    assert "W-COMMERCE" in _rows(windows) and "服务中心" in windows.split('data-testid="drill-breadcrumbs"')[1]
    link = _rows(windows).split('href="')[1].split('"')[0].replace("&amp;", "&")
    people = supervisor.get(link).get_data(as_text=True)
    assert "clerk_commerce" in _rows(people) and "centre=" in link and "window=" in link
