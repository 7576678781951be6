"""Excel exports of lists and statistics, written row by row so that 100,000 rows never sit in memory.

openpyxl's write-only workbook keeps one row at a time; the workbook is spooled to a temporary file (memory
up to ``SPOOL_BYTES``, then disk) and streamed to the client in chunks. Every text cell goes through
``safe_cell``: a value that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) is
written as text with a leading apostrophe mark, so an applicant's name like ``=HYPERLINK(...)`` stays a name.
"""
import logging
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from urllib.parse import quote

from flask import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

logger = logging.getLogger(__name__)

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SPOOL_BYTES = 8 * 1024 * 1024
CHUNK_BYTES = 64 * 1024
#: first characters that make Excel, WPS or LibreOffice evaluate a cell (OWASP "CSV injection")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value):
    """A value as it may be written to a cell: text that would start a formula is prefixed with an apostrophe
    and stays text; numbers, dates and booleans pass unchanged; None stays empty."""
    if value is None or isinstance(value, (bool, int, float, date, datetime)):
        if isinstance(value, datetime) and value.tzinfo is not None:
            return value.replace(tzinfo=None)  # the sheet shows the local wall time it was given
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def write_workbook(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence]]], target) -> int:
    """Write sheets ``(title, header, rows)`` to the binary file ``target``; returns the number of data rows."""
    workbook = Workbook(write_only=True)
    written = 0
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([_bold(sheet, name) for name in header])
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
            written += 1
    workbook.save(target)
    return written


def xlsx_response(filename: str, sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence]]]) -> Response:
    """A download of the sheets; rows are consumed lazily while the workbook is written."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    rows = write_workbook(sheets, spool)
    size = spool.tell()
    spool.seek(0)
    logger.info("xlsx export %s: %d rows, %d bytes", filename, rows, size)
    response = Response(_chunks(spool), mimetype=XLSX_MIMETYPE, direct_passthrough=True)
    response.headers["Content-Length"] = str(size)
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response.headers["Cache-Control"] = "no-store"
    return response


def _chunks(spool) -> Iterator[bytes]:
    try:
        while chunk := spool.read(CHUNK_BYTES):
            yield chunk
    finally:
        spool.close()


def _bold(sheet, text):
    cell = WriteOnlyCell(sheet, value=safe_cell(text))
    cell.font = Font(bold=True)
    return cell
