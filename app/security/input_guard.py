"""Hostile input never costs a 500 or a worker: before a view runs, NUL bytes and lone surrogates anywhere in
the path, the query, a form or a JSON body, and JSON nested deeper than MAX_JSON_DEPTH, are refused with a 422
naming the place; integer ids in URLs beyond the database's integer range simply match no route (404); and a
database that cannot be reached answers 503 with Retry-After instead of a stack trace. Registered after the
access check, so that an anonymous caller still learns only that it must log in."""
import json
import logging

from flask import Flask, request
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.routing import IntegerConverter

from app.errors import error_payload

logger = logging.getLogger(__name__)

MAX_JSON_DEPTH = 64
INT_MAX = 2**31 - 1  # PostgreSQL integer; SQLite accepts more, but the ids never get there
RETRY_AFTER_SECONDS = 30
BAD_TEXT = "不能包含空字符（NUL）或无效的 Unicode 字符"


class BoundedIntegerConverter(IntegerConverter):
    """``<int:…>`` that matches only ids a database integer column can hold."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", INT_MAX)
        super().__init__(map, *args, **kwargs)


def _bad_text(value: str) -> bool:
    if "\x00" in value:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (e.g. "\ud800" in JSON)
        return True
    return False


def json_depth_exceeds(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Nesting depth of a JSON text without parsing it (strings and escapes skipped)."""
    depth, in_string, escaped = 0, False, False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


def _first_bad(node, path: str = "") -> str | None:
    """The path of the first string (key or value) with a NUL or a lone surrogate, or None."""
    if isinstance(node, str):
        return path or "body" if _bad_text(node) else None
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and _bad_text(key):
                return path or "body"
            found = _first_bad(value, where)
            if found:
                return found
    if isinstance(node, list):
        for index, value in enumerate(node):
            found = _first_bad(value, f"{path}.{index}" if path else str(index))
            if found:
                return found
    return None


def _refuse(location: str, field: str, message: str = BAD_TEXT):
    logger.info("refused hostile input in %s (%s) at %s", location, field, request.path)
    return error_payload(422, "Unprocessable Entity", f"{field}：{message}", {location: {field: [message]}}), 422


def guard_input():
    if _bad_text(request.path):
        return _refuse("path", "path")
    for key, value in request.args.items(multi=True):
        if _bad_text(key) or _bad_text(value):
            return _refuse("query", key if not _bad_text(key) else "query")
    if request.mimetype == "application/x-www-form-urlencoded":
        for key, value in request.form.items(multi=True):
            if _bad_text(key) or _bad_text(value):
                return _refuse("form", key if not _bad_text(key) else "form")
    if request.is_json and request.content_length:
        raw = request.get_data(cache=True)
        if json_depth_exceeds(raw):
            return _refuse("json", "body", f"JSON 嵌套层数不能超过 {MAX_JSON_DEPTH}")
        try:
            document = json.loads(raw)
        except (ValueError, RecursionError):
            return None  # malformed JSON: the view's own parser answers 400/422 as before
        bad = _first_bad(document)
        if bad:
            return _refuse("json", bad)
    return None


def database_unavailable(error):
    logger.error("database unavailable: %s", type(error).__name__)
    payload = error_payload(503, "Service Unavailable", "数据库暂时不可用，请稍后重试")
    return payload, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def init_input_guard(app: Flask) -> None:
    app.before_request(guard_input)
    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(InterfaceError, database_unavailable)


def init_converters(app: Flask) -> None:
    """Before any route is added: ``<int:…>`` is bounded."""
    app.url_map.converters["int"] = BoundedIntegerConverter
