"""Form handling of the 机构管理 pages: read a posted form into the admin API's marshmallow schema, run the
admin service in the request's one transaction, and hand back the field errors to show next to the fields.
The rules themselves stay in ``app.admin``; the pages and the API give the same answers."""
from flask import request
from marshmallow import ValidationError

from app.errors import InvalidInput

from .common import attempt, field_messages

#: optional fields where an empty input means "none" (NULL) rather than "unchanged"
NULLABLE = frozenset({"parent_centre_id", "sector", "credit_code", "review_authority", "department_id",
                      "window_id", "region_id", "centre_id"})


def form_values(fields: tuple[str, ...], update: bool = False) -> dict:
    """The posted values of ``fields``: empty inputs are left out on create, and become None on update for
    the nullable ones; checkboxes named ``active`` read as booleans."""
    values = {}
    for name in fields:
        if name == "active":
            values[name] = request.form.get("active") == "on"
            continue
        if name not in request.form:
            continue
        value = request.form.get(name, "").strip()
        if value == "":
            if update and name in NULLABLE:
                values[name] = None
            elif update and name not in NULLABLE and name not in ("name", "display_name", "kind"):
                values[name] = ""
            continue
        values[name] = value
    return values


def submit(schema, values: dict, action, *args):
    """(result, {}) or (None, {field: message}) — nothing is written when there are errors."""
    try:
        data = schema.load(values)
    except ValidationError as exc:
        return None, field_messages(InvalidInput("请求数据校验失败", {"json": exc.messages}))
    result, error = attempt(action, *args, data)
    if error is not None:
        messages = field_messages(error)
        return None, messages or {"_": error.message}
    return result, {}
