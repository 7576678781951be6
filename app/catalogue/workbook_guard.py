"""Checks on an uploaded .xlsx before openpyxl parses it: a workbook is a zip archive, and a small upload can
inflate to gigabytes (a zip bomb) or declare a million rows. The archive's directory is read first (sizes
and compression ratios of its members, without inflating anything), then the sheets' declared dimensions."""
import io
import logging
import zipfile

from app.errors import InvalidInput

logger = logging.getLogger(__name__)

#: a real catalogue of 2,000 items inflates to a few MiB; anything far beyond is refused unread
MAX_UNCOMPRESSED_BYTES = 32 * 1024 * 1024
MAX_MEMBER_BYTES = 16 * 1024 * 1024
#: XML compresses well (10–30×), but not 1000×: a higher ratio on a sizeable member is a bomb
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_MEMBERS = 500
MAX_COLUMNS = 64


def _refuse(message: str, reason: str):
    logger.info("workbook refused: %s", reason)
    return InvalidInput.field("file", message)


def check_archive(content: bytes) -> None:
    """Raise 422 (field ``file``) unless ``content`` is a zip archive of bounded inflated size."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _refuse("无法读取工作簿，请上传 Excel .xlsx 文件", f"not a zip archive: {exc}") from exc
    if len(members) > MAX_MEMBERS:
        raise _refuse("工作簿结构异常（部件过多），未导入", f"{len(members)} members")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_MEMBER_BYTES or (
                member.file_size > RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1)):
            raise _refuse("工作簿解压后过大或压缩比异常，未导入", f"member {member.filename!r}: "
                          f"{member.compress_size} -> {member.file_size} bytes")
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _refuse("工作簿解压后过大，未导入", f"{total} bytes uncompressed")


def check_dimensions(sheet, title: str, max_rows: int) -> dict | None:
    """A problem row for a sheet that declares more rows or columns than an import may have (read-only
    openpyxl takes them from the sheet's <dimension>; a sheet without one is bounded while reading)."""
    rows, columns = sheet.max_row, sheet.max_column
    if rows is not None and rows > max_rows + 1:
        return {"sheet": title, "row": rows, "column": "-", "message": f"行数超过上限 {max_rows}"}
    if columns is not None and columns > MAX_COLUMNS:
        return {"sheet": title, "row": 1, "column": "-", "message": f"列数超过上限 {MAX_COLUMNS}"}
    return None
