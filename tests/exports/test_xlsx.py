"""Exports: a supervisor opens the spreadsheet of a list in Excel; what applicants typed never runs as a formula."""
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask
from openpyxl import load_workbook

from app.exports.xlsx import safe_cell, xlsx_response


def test_text_that_would_start_a_formula_stays_text():
    assert safe_cell("=HYPERLINK(\"http://evil\",\"点我\")") == "'=HYPERLINK(\"http://evil\",\"点我\")"
    assert safe_cell("+86 138") == "'+86 138"
    assert safe_cell("-1+1") == "'-1+1"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("张三") == "张三"
    assert safe_cell(42) == 42 and safe_cell(None) is None


def test_a_download_holds_every_row_with_the_header_and_local_times():
    app = Flask(__name__)
    received = datetime(2026, 3, 2, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    rows = ((f"C{n:05d}", "=cmd|' /C calc'!A0", received) for n in range(3000))
    with app.test_request_context():
        response = xlsx_response("办件列表.xlsx", [("办件", ["办件编号", "申请人", "收件时间"], rows)])
        body = b"".join(response.response)
    assert response.headers["Content-Disposition"].endswith("%E5%8A%9E%E4%BB%B6%E5%88%97%E8%A1%A8.xlsx")
    assert int(response.headers["Content-Length"]) == len(body)
    sheet = load_workbook(io.BytesIO(body)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("办件编号", "申请人", "收件时间")
    assert len(values) == 3001
    assert values[1] == ("C00000", "'=cmd|' /C calc'!A0", datetime(2026, 3, 2, 9, 30))
    assert sheet["B2"].data_type == "s"
