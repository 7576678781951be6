"""Stories of the catalogue workbook: centres keep their 实施清单 in Excel; exporting and importing it must
round-trip, a bad row is pointed at precisely, and a bad workbook changes nothing."""
import io
from pathlib import Path

import sqlalchemy as sa
from openpyxl import load_workbook

from app.catalogue.cli import demo_workbook
from app.catalogue.models import ServiceItem
from app.extensions import db as _db
from tests.support import FOOD_LICENCE

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHIPPED = Path(__file__).resolve().parents[2] / "rules" / "catalogue_demo.xlsx"


def export(session) -> bytes:
    response = session.get("/api/v1/catalogue/export.xlsx")
    assert response.status_code == 200 and response.mimetype == XLSX
    return response.data


def upload(session, content: bytes, name="catalogue.xlsx"):
    return session.http.post("/api/v1/catalogue/import", headers=session.headers,
                             data={"file": (io.BytesIO(content), name)}, content_type="multipart/form-data")


def version_count(app) -> int:
    with app.app_context():
        return _db.session.scalar(sa.select(sa.func.count()).select_from(ServiceItem))


def edited(content: bytes, sheet: str, row: int, header: str, value) -> bytes:
    book = load_workbook(io.BytesIO(content))
    worksheet = book[sheet]
    column = [cell.value for cell in worksheet[1]].index(header) + 1
    worksheet.cell(row=row, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_published_catalogue_exports_one_row_per_item_and_per_material(api):
    book = load_workbook(io.BytesIO(export(api.as_user("supervisor"))))
    items = api.app.test_client().get("/api/v1/items").get_json()
    assert book.sheetnames == ["事项", "材料"]
    rows = list(book["事项"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [i["code"] for i in items]
    food = next(r for r in rows if r[0] == FOOD_LICENCE)
    assert food[2] == "食品经营许可" and food[3] == "01"
    materials = [r for r in book["材料"].iter_rows(min_row=2, values_only=True) if r[0] == FOOD_LICENCE]
    assert [r[1] for r in materials] == ["M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M09"]


def test_export_then_import_creates_a_draft_version_of_every_item_with_the_same_elements(api):
    designer = api.as_user("designer")
    response = upload(designer, export(designer))
    assert response.status_code == 201, response.get_json()
    result = response.get_json()
    items = api.app.test_client().get("/api/v1/items").get_json()
    assert result["imported"] == len(items)
    assert {(d["code"], d["version"], d["status"]) for d in result["drafts"]} == \
        {(i["code"], 2, "draft") for i in items}
    v1 = designer.get(f"/api/v1/catalogue/items/{FOOD_LICENCE}/versions/1").get_json()
    v2 = designer.get(f"/api/v1/catalogue/items/{FOOD_LICENCE}/versions/2").get_json()
    for key in ("name", "legal_limit", "promised_limit", "materials", "co_departments", "service_objects",
                "handling_forms", "process_key", "department"):
        assert v2[key] == v1[key], key


def test_a_bad_row_is_reported_by_sheet_row_and_column_and_nothing_is_imported(api, app):
    designer = api.as_user("designer")
    content = edited(export(designer), "事项", 3, "事项类型", "99")
    content = edited(content, "材料", 2, "原件份数", "两份")
    before = version_count(app)
    response = upload(designer, content)
    assert response.status_code == 422
    rows = response.get_json()["errors"]["rows"]
    assert {"sheet": "事项", "row": 3, "column": "事项类型"} in [{k: r[k] for k in ("sheet", "row", "column")}
                                                                   for r in rows]
    assert {"sheet": "材料", "row": 2, "column": "原件份数", "message": "应为整数"} in rows
    assert "「事项」表第 3 行「事项类型」" in response.get_json()["message"]
    assert "代码不在 GB/T 39046 代码表中" in rows[0]["message"]
    assert version_count(app) == before


def test_a_row_failing_a_business_rule_rolls_back_the_rows_before_it(api, app):
    designer = api.as_user("designer")
    last_row = 1 + len(api.app.test_client().get("/api/v1/items").get_json())
    content = edited(export(designer), "事项", last_row, "实施主体", "不存在的部门")
    before = version_count(app)
    response = upload(designer, content)
    assert response.status_code == 422
    assert response.get_json()["errors"]["rows"] == [
        {"sheet": "事项", "row": last_row, "column": "实施主体", "message": "部门 不存在的部门 不存在"}]
    assert version_count(app) == before


def test_only_xlsx_workbooks_are_accepted(api):
    designer = api.as_user("designer")
    assert upload(designer, b"code,name\n", name="catalogue.csv").status_code == 422
    response = upload(designer, b"not a zip file")
    assert response.status_code == 422 and "无法读取工作簿" in response.get_json()["message"]


def test_the_shipped_demo_workbook_is_current_and_imports_cleanly(api):
    assert SHIPPED.read_bytes() and load_workbook(SHIPPED).sheetnames == ["事项", "材料"]
    shipped_rows = list(load_workbook(SHIPPED)["事项"].iter_rows(values_only=True))
    fresh_rows = list(load_workbook(io.BytesIO(demo_workbook()))["事项"].iter_rows(values_only=True))
    assert shipped_rows == fresh_rows, "regenerate with: flask catalogue demo-workbook"
    response = upload(api.as_user("designer"), SHIPPED.read_bytes())
    assert response.status_code == 201, response.get_json()
    # the workbook is the city's catalogue; the districts' claims (实施清单) are kept by the districts
    base_items = [i for i in api.app.test_client().get("/api/v1/items").get_json() if i["base_code"] is None]
    assert response.get_json()["imported"] == len(base_items)


def test_an_operator_imports_and_exports_the_catalogue_from_the_shell(app, db, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["catalogue", "import", str(SHIPPED)])
    assert result.exit_code == 0, result.output
    assert "草稿版本" in result.output
    with app.app_context():
        drafts = db.session.scalars(sa.select(ServiceItem).where(ServiceItem.status == "draft")).all()
        assert drafts and {d.version for d in drafts} == {2} and {d.edited_by for d in drafts} == {"designer"}
        db.session.remove()
    again = runner.invoke(args=["catalogue", "import", str(SHIPPED)])  # drafts already open: refused, nothing kept
    assert again.exit_code != 0 and "未发布的草稿" in again.output
    target = tmp_path / "published.xlsx"
    assert runner.invoke(args=["catalogue", "export", str(target)]).exit_code == 0
    assert load_workbook(target).sheetnames == ["事项", "材料"]


def _zip_bomb() -> bytes:
    """A valid-looking .xlsx whose one sheet inflates from ~100 KiB to 100 MiB."""
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(100):
                member.write(chunk)
    return buffer.getvalue()


def test_a_workbook_that_inflates_far_beyond_its_size_is_refused_before_it_is_parsed(api, app, monkeypatch):
    import app.catalogue.workbook as workbook_module

    def must_not_load(*args, **kwargs):
        raise AssertionError("openpyxl must not see a zip bomb")

    monkeypatch.setattr(workbook_module, "load_workbook", must_not_load)
    bomb = _zip_bomb()
    assert len(bomb) < 400 * 1024
    before = version_count(app)
    response = upload(api.as_user("designer"), bomb)
    assert response.status_code == 422
    assert "file" in str(response.get_json()["errors"])
    assert "解压后过大" in response.get_json()["message"]
    assert version_count(app) == before


def test_a_sheet_declaring_more_rows_than_an_import_may_have_is_refused_by_row(api, app):
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "事项"
    sheet.cell(row=1, column=1, value="实施编码")
    sheet.cell(row=5000, column=1, value="330100-XK-777")
    book.create_sheet("材料")
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(api.as_user("designer"), buffer.getvalue())
    assert response.status_code == 422
    assert any("行数超过上限" in row["message"] for row in response.get_json()["errors"]["rows"])


def test_exported_text_that_a_spreadsheet_would_run_is_written_as_text_and_round_trips(api, app):
    with app.app_context():
        item = _db.session.scalars(sa.select(ServiceItem).where(
            ServiceItem.code == FOOD_LICENCE, ServiceItem.status == "published")).one()
        item.legal_basis = '=HYPERLINK("http://evil.example","点击")'
        _db.session.commit()
    designer = api.as_user("designer")
    content = export(designer)
    book = load_workbook(io.BytesIO(content))
    food = next(r for r in book["事项"].iter_rows(min_row=2, values_only=True) if r[0] == FOOD_LICENCE)
    basis = food[[c.value for c in book["事项"][1]].index("设定依据")]
    assert basis.startswith("'=") and book["事项"].cell(row=2, column=1).data_type != "f"
    assert upload(designer, content).status_code == 201
    draft = designer.get(f"/api/v1/catalogue/items/{FOOD_LICENCE}/versions/2").get_json()
    assert draft["legal_basis"] == '=HYPERLINK("http://evil.example","点击")'
