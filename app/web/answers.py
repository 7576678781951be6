"""Page input shared by the window and the public application page: the application form's answers posted by
js/appform.js, API schema validation of page input, and the server's field messages put back on the page."""
import json

from flask import request
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.errors import InvalidInput
from app.forms.services import checklist

#: API field path → form field name
_FIELD_NAMES = {"applicant.kind": "applicant_kind", "applicant.name": "applicant_name",
                "applicant.id_number": "id_number", "applicant.phone": "phone", "agent.kind": "agent_kind",
                "agent.username": "agent_username", "agent.name": "agent_name", "agent.id_number": "agent_id_number"}


def attach_errors(form, messages: dict[str, str]) -> dict[str, str]:
    """Put field messages on the form's fields; return the ones that belong to no field (materials …)."""
    rest = {}
    for path, message in messages.items():
        field = getattr(form, _FIELD_NAMES.get(path, path), None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, message] if isinstance(field.errors, list) else [message]
        else:
            rest[path] = message
    return rest


FORM_INPUT = "form_data"


def posted_answers() -> tuple[dict | None, str | None]:
    """The application form's answers posted by js/appform.js as JSON (None when the page sent none)."""
    raw = (request.form.get(FORM_INPUT) or "").strip()
    if not raw:
        return None, None
    try:
        answers = json.loads(raw)
    except ValueError:
        return None, _("申请表数据格式错误，请重新填写")
    return (answers, None) if isinstance(answers, dict) else (None, _("申请表数据格式错误，请重新填写"))


def split_form_errors(messages: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """``(errors of form fields by key, the other messages)`` from flattened field messages."""
    fields = {path[5:]: m for path, m in messages.items() if path.startswith("form.")}
    return fields, {path: m for path, m in messages.items() if not path.startswith("form.")}


def checklist_states(item, answers) -> dict:
    return {m["code"]: m for m in checklist(item, answers)["materials"]}


def loaded(schema, payload):
    """The API's own schema validates the page input too; its messages name the same fields."""
    try:
        return schema.load(payload), None
    except ValidationError as exc:
        return None, InvalidInput("请求数据校验失败", {"json": exc.messages})


def _display(component: dict, value) -> str:
    labels = {v.get("value"): v.get("label") or v.get("value") for v in component.get("values") or []
              if isinstance(v, dict)}
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, list):
        return "、".join(str(labels.get(v, v)) for v in value)
    return str(labels.get(value, value))


def answer_rows(schema: dict | None, data: dict | None) -> list[tuple[str, str]]:
    """(label, shown value) of each answered field, in the form's order, for read-only lists (预审)."""
    rows, stack = [], list(reversed((schema or {}).get("components") or []))
    while stack:
        component = stack.pop()
        if not isinstance(component, dict):
            continue
        stack.extend(reversed(component.get("components") or []))
        key = component.get("key")
        if key and data and key in data and data[key] not in (None, "", []):
            rows.append((component.get("label") or key, _display(component, data[key])))
    return rows
