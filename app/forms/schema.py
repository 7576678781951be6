"""Reading a form-js schema (Camunda Forms JSON): its input fields with the rules the server enforces, and the
problems that keep a schema from being published (what the server could not check is refused, not ignored)."""
import re

#: input field types the server validates (form-js type → kind of value)
INPUT_TYPES = {
    "textfield": "string", "textarea": "string", "number": "number", "checkbox": "boolean",
    "checklist": "list", "taglist": "list", "radio": "choice", "select": "choice", "datetime": "datetime",
}
#: types that hold no answer (layout and text); groups are walked into
LAYOUT_TYPES = frozenset({"text", "html", "spacer", "separator", "image", "button", "group", "iframe", "table",
                          "default"})
KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
MAX_FIELDS = 200


class FormField:
    """One input field: key, type and the constraints of its ``validate`` block and static ``values``."""

    def __init__(self, component: dict):
        self.key = component["key"]
        self.type = component["type"]
        self.kind = INPUT_TYPES[self.type]
        self.label = component.get("label") or self.key
        rules = component.get("validate") or {}
        self.required = bool(rules.get("required"))
        self.pattern = rules.get("pattern") or None
        self.min = rules.get("min")
        self.max = rules.get("max")
        self.min_length = rules.get("minLength")
        self.max_length = rules.get("maxLength")
        self.values = [v.get("value") for v in component.get("values") or [] if isinstance(v, dict)]
        self.validation_type = rules.get("validationType") or None  # form-js: email | phone
        self.decimal_digits = component.get("decimalDigits")
        self.subtype = component.get("subtype") or "date"
        self.as_string = bool(component.get("serializeToString"))
        #: shown only under a FEEL condition the server does not evaluate: its ``required`` is not enforced
        self.conditional = bool((component.get("conditional") or {}).get("hide"))


def _components(schema: dict):
    stack = list(reversed((schema or {}).get("components") or []))
    while stack:
        component = stack.pop()
        if not isinstance(component, dict):
            continue
        yield component
        stack.extend(reversed(component.get("components") or []))


def form_fields(schema: dict | None) -> list[FormField]:
    """The input fields of a (checked) schema, in document order."""
    if not schema:
        return []
    return [FormField(c) for c in _components(schema) if c.get("type") in INPUT_TYPES and c.get("key")]


def field_keys(schema: dict | None) -> set[str]:
    return {f.key for f in form_fields(schema)}


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def schema_problems(schema) -> list[str]:
    """Why the server could not enforce this schema (empty = fine). Checked on save and on submit."""
    if schema is None:
        return []
    if not isinstance(schema, dict) or schema.get("type", "default") != "default":
        return ["表单定义须为 form-js 表单（type 为 default）"]
    if not isinstance(schema.get("components", []), list):
        return ["表单定义的 components 须为数组"]
    problems, keys, count = [], set(), 0
    for component in _components(schema):
        kind, key = component.get("type"), component.get("key")
        label = component.get("label") or key or kind
        if kind in LAYOUT_TYPES:
            continue
        if kind not in INPUT_TYPES:
            problems.append(f"字段「{label}」的类型 {kind} 不受支持（支持：{'、'.join(INPUT_TYPES)}）")
            continue
        count += 1
        if not isinstance(key, str) or not KEY.match(key):
            problems.append(f"字段「{label}」的键 {key!r} 须为字母开头的字母、数字或下划线")
            continue
        if key in keys:
            problems.append(f"字段键 {key} 重复")
        keys.add(key)
        rules = component.get("validate") or {}
        if not isinstance(rules, dict):
            problems.append(f"字段「{label}」的校验规则须为对象")
            continue
        if rules.get("pattern"):
            try:
                re.compile(rules["pattern"])
            except (re.error, TypeError):
                problems.append(f"字段「{label}」的正则表达式无效")
        if rules.get("validationType") not in (None, "", "email", "phone"):
            problems.append(f"字段「{label}」的校验类型 {rules['validationType']} 不受支持（支持 email、phone）")
        for bound in ("min", "max", "minLength", "maxLength"):
            if rules.get(bound) is not None and not _number(rules[bound]):
                problems.append(f"字段「{label}」的 {bound} 须为数字")
        if INPUT_TYPES[kind] in ("choice", "list"):
            if "valuesKey" in component or "valuesExpression" in component:
                problems.append(f"字段「{label}」的选项须为静态选项（服务端无法校验动态选项）")
            elif not component.get("values"):
                problems.append(f"字段「{label}」没有选项")
    if count > MAX_FIELDS:
        problems.append(f"表单字段不能超过 {MAX_FIELDS} 个")
    return problems
