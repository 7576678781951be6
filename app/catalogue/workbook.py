"""The catalogue as an Excel workbook, the way service centres keep it: sheet 「事项」 one row per item,
sheet 「材料」 one row per material keyed by the item's 实施编码. Import is all-or-nothing: every bad cell
is reported by sheet / row / column and nothing is written. Flushes, never commits."""
import io
import logging

import sqlalchemy as sa
from marshmallow import ValidationError
from openpyxl import load_workbook

from app.errors import InvalidInput, ServiceError
from app.exports.xlsx import FORMULA_TRIGGERS, write_workbook
from app.extensions import db

from . import versions
from .models import ServiceItem
from .services import published_items
from .version_schemas import NewItemSchema
from .workbook_guard import MAX_COLUMNS, check_archive, check_dimensions

logger = logging.getLogger(__name__)

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ITEM_SHEET, MATERIAL_SHEET = "事项", "材料"
MAX_ROWS = 2000
LIST_SEPARATOR = ","
#: (field, column header) in sheet order
ITEM_COLUMNS = [
    ("code", "实施编码"), ("basic_code", "基本编码"), ("name", "事项名称"), ("item_type", "事项类型"),
    ("exercise_level", "行使层级"), ("case_type", "办件类型"), ("sector", "受理窗口板块"),
    ("department_code", "实施主体"), ("co_department_codes", "联办部门"), ("legal_basis", "设定依据"),
    ("service_objects", "服务对象"), ("acceptance_conditions", "受理条件"), ("legal_limit", "法定时限"),
    ("legal_limit_unit", "法定时限单位"), ("promised_limit", "承诺时限"), ("promised_limit_unit", "承诺时限单位"),
    ("charges_fee", "是否收费"), ("fee_basis", "收费依据"), ("handling_forms", "办理形式"),
    ("online_depth", "网办深度"), ("result_name", "审批结果名称"), ("process_key", "办理流程"),
    ("timeout_action", "超时处理"), ("countersign_mode", "联办会签方式"),
]
MATERIAL_COLUMNS = [
    ("item_code", "实施编码"), ("code", "材料编码"), ("name", "材料名称"), ("issuing_body", "来源渠道"),
    ("originals", "原件份数"), ("copies", "复印件份数"), ("required", "是否必要"), ("form", "材料形式"),
    ("standard", "受理标准"),
]
LIST_FIELDS = {"co_department_codes", "service_objects", "handling_forms"}
INT_FIELDS = {"legal_limit", "promised_limit", "originals", "copies"}
#: marshmallow's own (English) messages, as a centre's staff read them
_ZH_MESSAGES = (
    ("Missing data for required field", "不能为空"), ("Not a valid integer", "应为整数"),
    ("Not a valid boolean", "应填「是」或「否」"), ("Not a valid string", "应为文本"),
    ("Longer than maximum length", "内容过长"), ("Shorter than minimum length", "不能为空"),
    ("Must be greater than or equal to", "数值超出允许范围"), ("Not a valid list", "应为逗号分隔的代码"),
    ("Length must be", "数量超出上限"),
)
BOOL_FIELDS = {"charges_fee", "required"}
YES, NO = "是", "否"


class WorkbookInvalid(InvalidInput):
    """422 whose ``errors.rows`` lists every bad cell: {sheet, row, column, message}."""

    def __init__(self, problems: list[dict]):
        first = problems[0]
        summary = f"工作簿有 {len(problems)} 处错误，未导入任何数据；第一处：「{first['sheet']}」表第 {first['row']} 行" \
                  f"「{first['column']}」列：{first['message']}"
        super().__init__(summary, {"rows": problems})


# -- export -------------------------------------------------------------------------------------------
def _cell(field, value):
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_TRIGGERS):
        value = value[1:]  # the export's mark that keeps a formula-like text as text (safe_cell)
    if field in LIST_FIELDS:
        return LIST_SEPARATOR.join(value or [])
    if field in BOOL_FIELDS:
        return YES if value else NO
    return value


def item_row(item) -> dict:
    """A version as one workbook row (plus its materials)."""
    row = {name: getattr(item, name, None) for name, _ in ITEM_COLUMNS}
    row["department_code"] = item.department.code
    row["co_department_codes"] = [c.department.code for c in item.co_departments]
    row["materials"] = [{n: getattr(m, n) for n, _ in MATERIAL_COLUMNS[1:]} for m in item.materials]
    return row


def export_rows(rows) -> bytes:
    """.xlsx bytes of item rows (dicts keyed by the ITEM_COLUMNS fields, with ``materials``); every text cell
    goes through app.exports.xlsx.safe_cell, so a value starting with = + - @ stays text (no formula)."""
    rows = list(rows)
    materials = ([_cell(name, {"item_code": row["code"], **material}.get(name)) for name, _ in MATERIAL_COLUMNS]
                 for row in rows for material in row.get("materials", []))
    buffer = io.BytesIO()
    write_workbook([
        (ITEM_SHEET, [header for _, header in ITEM_COLUMNS],
         ([_cell(name, row.get(name)) for name, _ in ITEM_COLUMNS] for row in rows)),
        (MATERIAL_SHEET, [header for _, header in MATERIAL_COLUMNS], materials),
    ], buffer)
    return buffer.getvalue()


def export_workbook(items=None) -> bytes:
    """The published catalogue (or the given versions) as .xlsx bytes."""
    return export_rows(item_row(item) for item in (published_items() if items is None else items))


# -- import -------------------------------------------------------------------------------------------
def _read_sheet(book, title, columns, problems):
    if title not in book.sheetnames:
        problems.append({"sheet": title, "row": 1, "column": "-", "message": f"缺少工作表「{title}」"})
        return []
    sheet = book[title]
    too_large = check_dimensions(sheet, title, MAX_ROWS)
    if too_large is not None:
        problems.append(too_large)
        return []
    rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    index = {}
    for name, label in columns:
        if label not in header:
            problems.append({"sheet": title, "row": 1, "column": label, "message": f"缺少列「{label}」"})
        else:
            index[name] = header.index(label)
    result = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            problems.append({"sheet": title, "row": number, "column": "-", "message": f"行数超过上限 {MAX_ROWS}"})
            break
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        result.append((number, {name: values[i] if i < len(values) else None for name, i in index.items()}))
    return result


def _zh(message) -> str:
    text = str(message)
    return next((zh for en, zh in _ZH_MESSAGES if text.startswith(en)), text)


def _convert(field, value):
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and field not in INT_FIELDS | BOOL_FIELDS:
        value = str(value).zfill(2) if field == "item_type" else str(value)  # a code typed as a number
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_TRIGGERS):
        value = value[1:]  # the export's mark that keeps a formula-like text as text (safe_cell)
    if field in LIST_FIELDS:
        return [part.strip() for part in str(value).replace("，", ",").split(",") if part.strip()]
    if field in BOOL_FIELDS:
        text = str(value).strip()
        return {YES: True, NO: False, "TRUE": True, "FALSE": False, "1": True, "0": False}.get(text.upper(), text)
    return value if isinstance(value, (int, float, bool)) else str(value).strip()


def _row_problems(sheet, number, messages, labels, prefix=""):
    problems = []
    for field, message in messages.items():
        if isinstance(message, dict):  # nested (materials.<i>.<field>) or list items
            for inner in message.values():
                text = "；".join(map(_zh, inner)) if isinstance(inner, list) else _zh(inner)
                problems.append({"sheet": sheet, "row": number, "column": labels.get(field, field), "message": text})
            continue
        text = "；".join(map(_zh, message)) if isinstance(message, list) else _zh(message)
        problems.append({"sheet": sheet, "row": number, "column": labels.get(field, prefix + field), "message": text})
    return problems


def parse_workbook(content: bytes) -> list[dict]:
    """Validated item payloads (NewItemSchema) with their materials; raises WorkbookInvalid. The archive's
    inflated size is checked before openpyxl reads a byte of it (app.catalogue.workbook_guard)."""
    check_archive(content)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors for a damaged file
        logger.info("unreadable workbook: %s", exc)
        raise InvalidInput.field("file", "无法读取工作簿，请上传 Excel .xlsx 文件") from exc
    problems: list[dict] = []
    item_rows = _read_sheet(book, ITEM_SHEET, ITEM_COLUMNS, problems)
    material_rows = _read_sheet(book, MATERIAL_SHEET, MATERIAL_COLUMNS, problems)
    if problems:
        raise WorkbookInvalid(problems)
    item_labels, material_labels = dict(ITEM_COLUMNS), dict(MATERIAL_COLUMNS)
    materials_by_item: dict[str, list] = {}
    for number, row in material_rows:
        values = {k: _convert(k, v) for k, v in row.items() if _convert(k, v) is not None}
        code = values.pop("item_code", None)
        if code is None:
            problems.append({"sheet": MATERIAL_SHEET, "row": number, "column": "实施编码", "message": "不能为空"})
            continue
        materials_by_item.setdefault(str(code), []).append((number, values))
    payloads, seen = [], {}
    schema = NewItemSchema()
    for number, row in item_rows:
        values = {k: _convert(k, v) for k, v in row.items()}
        values = {k: v for k, v in values.items() if v is not None}
        code = str(values.get("code", ""))
        if code in seen:
            problems.append({"sheet": ITEM_SHEET, "row": number, "column": "实施编码",
                             "message": f"与第 {seen[code]} 行重复"})
            continue
        seen[code] = number
        material_list = materials_by_item.get(code, [])
        values["materials"] = [m for _, m in material_list]
        try:
            payloads.append((number, schema.load(values)))
        except ValidationError as exc:
            messages = dict(exc.messages)
            material_messages = messages.pop("materials", None)
            problems += _row_problems(ITEM_SHEET, number, messages, item_labels)
            if isinstance(material_messages, dict):
                for index, inner in material_messages.items():
                    if isinstance(index, int) and index < len(material_list) and isinstance(inner, dict):
                        problems += _row_problems(MATERIAL_SHEET, material_list[index][0], inner, material_labels)
                    else:
                        text = "；".join(map(_zh, inner)) if isinstance(inner, list) else _zh(inner)
                        problems.append({"sheet": ITEM_SHEET, "row": number, "column": "实施编码",
                                         "message": f"材料：{text}"})
            elif material_messages:
                problems.append({"sheet": ITEM_SHEET, "row": number, "column": "实施编码",
                                 "message": "材料：" + "；".join(map(_zh, material_messages))})
    for code, material_list in materials_by_item.items():
        if code not in seen:
            for number, _ in material_list:
                problems.append({"sheet": MATERIAL_SHEET, "row": number, "column": "实施编码",
                                 "message": f"「事项」表中没有实施编码 {code}"})
    if problems:
        raise WorkbookInvalid(sorted(problems, key=lambda p: (p["sheet"] != ITEM_SHEET, p["row"])))
    return payloads


def import_workbook(content: bytes, actor: str) -> list:
    """Create a draft version per row (a new item, or a new version of an existing one). The first business
    error (unknown department, an open draft…) is reported with its row and raised, so the caller's
    transaction rolls back and nothing is kept."""
    payloads = parse_workbook(content)
    drafts = []
    labels = dict(ITEM_COLUMNS)
    for number, payload in payloads:
        exists = db.session.scalars(sa.select(ServiceItem.id).where(ServiceItem.code == payload["code"])).first()
        try:
            if exists:
                elements = {k: v for k, v in payload.items() if k != "code"}
                drafts.append(versions.new_draft(payload["code"], actor, elements))
            else:
                drafts.append(versions.create_item(payload, actor))
        except ServiceError as exc:
            named = exc.errors.get("json", {}) if isinstance(exc.errors, dict) else {}
            column = next((labels.get(name, name) for name in named), "实施编码")
            raise WorkbookInvalid([{"sheet": ITEM_SHEET, "row": number, "column": column,
                                    "message": exc.message}]) from exc
    logger.info("workbook imported by %s: %d draft versions", actor, len(drafts))
    return drafts
