"""Server-side validation of submitted form answers against the item version's form-js schema. The client's
form-js checks are a convenience; these are the rules: required, types, pattern, min/max, minLength/maxLength,
allowed (static) values, and no key the form does not define."""
import math
import re
from datetime import date, datetime, time

from app.errors import InvalidInput

from .schema import FormField, form_fields

MAX_TEXT = 10_000
MAX_ITEMS = 200
#: form-js ``validate.validationType`` (the same checks its viewer makes)
VALIDATION_TYPES = {
    "email": (re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]+$"), "须为电子邮箱地址"),
    "phone": (re.compile(r"^\+?[0-9\s\-()]{5,20}$"), "须为电话号码"),
}


def _empty(field: FormField, value) -> bool:
    return value is None or value == "" or value == [] or (value is False and field.kind == "boolean")


def _string(field: FormField, value) -> tuple[object, str | None]:
    if not isinstance(value, str):
        return None, "须为文本"
    if len(value) > MAX_TEXT:
        return None, f"不能超过 {MAX_TEXT} 个字符"
    if field.min_length is not None and len(value) < field.min_length:
        return None, f"至少 {int(field.min_length)} 个字符"
    if field.max_length is not None and len(value) > field.max_length:
        return None, f"不能超过 {int(field.max_length)} 个字符"
    if field.pattern and not re.fullmatch(field.pattern, value):
        return None, "格式不正确"
    if field.validation_type in VALIDATION_TYPES:
        pattern, message = VALIDATION_TYPES[field.validation_type]
        if not pattern.match(value):
            return None, message
    return value, None


def _number(field: FormField, value) -> tuple[object, str | None]:
    if isinstance(value, str) and field.as_string:
        try:
            value = float(value) if any(c in value for c in ".eE") else int(value)
        except ValueError:
            return None, "须为数字"
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None, "须为数字"
    if field.min is not None and value < field.min:
        return None, f"不能小于 {field.min}"
    if field.max is not None and value > field.max:
        return None, f"不能大于 {field.max}"
    if isinstance(field.decimal_digits, int) and round(value, field.decimal_digits) != value:
        return None, f"最多 {field.decimal_digits} 位小数" if field.decimal_digits else "须为整数"
    return value, None


def _choice(field: FormField, value) -> tuple[object, str | None]:
    if value not in field.values or isinstance(value, (dict, list)):
        return None, "不是可选的选项"
    return value, None


def _list(field: FormField, value) -> tuple[object, str | None]:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        return None, "须为选项列表"
    unknown = [v for v in value if isinstance(v, (dict, list)) or v not in field.values]
    if unknown:
        return None, "含有不可选的选项"
    if len(set(map(str, value))) != len(value):
        return None, "选项重复"
    return value, None


def _datetime(field: FormField, value) -> tuple[object, str | None]:
    if not isinstance(value, str):
        return None, "须为日期或时间"
    parse = {"date": date.fromisoformat, "time": time.fromisoformat}.get(field.subtype, datetime.fromisoformat)
    try:
        parse(value)
    except ValueError:
        return None, {"date": "须为日期（YYYY-MM-DD）", "time": "须为时间（HH:MM）"}.get(
            field.subtype, "须为日期时间（YYYY-MM-DDTHH:MM）")
    return value, None


def _boolean(field: FormField, value) -> tuple[object, str | None]:
    return (value, None) if isinstance(value, bool) else (None, "须为是或否")


_CHECKS = {"string": _string, "number": _number, "choice": _choice, "list": _list,
           "datetime": _datetime, "boolean": _boolean}


def form_problems(schema: dict | None, data) -> tuple[dict, dict[str, str]]:
    """``(clean answers, {key: problem})``. Answers of every field are present in the clean dict (None or an
    empty value when not given), so conditions can name any field."""
    fields = form_fields(schema)
    if not isinstance(data, dict):
        return {}, {"_schema": "申请表数据须为对象"}
    known = {f.key for f in fields}
    problems = {key: "申请表中没有该字段" for key in data if key not in known}
    clean: dict = {}
    for field in fields:
        value = data.get(field.key)
        if _empty(field, value):
            if field.required and not field.conditional:
                problems[field.key] = f"请填写「{field.label}」" if field.kind != "boolean" else f"请勾选「{field.label}」"
            clean[field.key] = value if value is not None else ([] if field.kind == "list" else
                                                                (False if field.kind == "boolean" else None))
            continue
        value, problem = _CHECKS[field.kind](field, value)
        if problem:
            problems[field.key] = f"「{field.label}」{problem}"
        clean[field.key] = value
    return clean, problems


def validate_form(schema: dict | None, data, field: str = "form") -> dict:
    """The clean answers, or 422 naming each field as ``errors.json.form.<key>``."""
    if schema is None:
        if data:
            raise InvalidInput.field(field, "该事项没有申请表，不能提交申请表数据")
        return {}
    if data is None:
        raise InvalidInput.field(field, "请填写申请表")
    clean, problems = form_problems(schema, data)
    if problems:
        first = next(iter(problems.values()))
        raise InvalidInput(f"申请表填写有误：{first}",
                           {"json": {field: {key: [message] for key, message in problems.items()}}})
    return clean
