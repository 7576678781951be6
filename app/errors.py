"""Domain errors raised by services and their JSON rendering: always {code, status, message, errors?}."""
import logging

from flask_smorest import Api
from werkzeug.exceptions import HTTPException

logger = logging.getLogger(__name__)

DEFAULT_MESSAGES = {
    400: "请求格式错误",
    401: "未登录或令牌无效",
    403: "无权执行此操作",
    404: "资源不存在",
    405: "不支持的请求方法",
    409: "当前状态不允许此操作",
    413: "请求内容过大",
    415: "请求内容类型不支持，请使用 application/json",
    422: "请求数据校验失败",
    429: "请求过于频繁，请稍后再试",
    500: "服务器内部错误",
}


class ServiceError(Exception):
    """Base of the errors services raise; views never catch them, the error handler renders them."""

    status = 400

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.message = message
        self.errors = errors


class InvalidInput(ServiceError):
    """422; ``errors`` names the fields, e.g. ``{"json": {"applicant": {"id_number": ["..."]}}}``."""

    status = 422

    @classmethod
    def field(cls, path: str, message: str):
        """InvalidInput for one field of the JSON body given as a dotted path, e.g. ``applicant.id_number``."""
        nested: dict = {}
        cursor = nested
        parts = path.split(".")
        for part in parts[:-1]:
            cursor = cursor.setdefault(part, {})
        cursor[parts[-1]] = [message]
        return cls(message, {"json": nested})


class Unauthorized(ServiceError):
    status = 401


class Forbidden(ServiceError):
    status = 403


class NotFound(ServiceError):
    status = 404


class Conflict(ServiceError):
    status = 409


class TooManyRequests(ServiceError):
    status = 429


def error_payload(status: int, name: str, message: str | None = None, errors=None) -> dict:
    payload = {"code": status, "status": name, "message": message or DEFAULT_MESSAGES.get(status, name)}
    if errors:
        payload["errors"] = errors
    return payload


class GovApi(Api):
    """flask-smorest Api whose HTTP errors always carry a (Chinese) message."""

    def handle_http_exception(self, error: HTTPException):
        data = getattr(error, "data", None) or {}
        errors = data.get("errors") or data.get("messages")
        if error.code >= 500:
            logger.error("unhandled error: %s", error.description, exc_info=getattr(error, "original_exception", None))
        payload = error_payload(error.code, error.name, data.get("message"), errors)
        headers = dict(data.get("headers") or {})
        return payload, error.code, headers


def register_error_handlers(app) -> None:
    @app.errorhandler(ServiceError)
    def _service_error(error: ServiceError):
        from werkzeug.http import HTTP_STATUS_CODES

        name = HTTP_STATUS_CODES.get(error.status, "Error")
        return error_payload(error.status, name, error.message, error.errors), error.status
