"""Wiring the exchange into the application: the outbox listener on the case history, the OAuth2 server,
the API and page blueprints, the CLI, and the OpenAPI description of the inbound API and the webhooks."""
import json
import os

from flask import Flask

from app.extensions import api

from .cli import exchange_cli
from .models import CLIENT_SCOPES
from .oauth import init_oauth
from .outbox import listen
from .pages import bp as page_bp
from .transports import SIGNATURE_HEADER
from .views import OAUTH_SECURITY, admin_blp, blp


def _webhook_doc(app: Flask) -> dict:
    path = os.path.join(app.config["RULES_DIR"], "exchange", "event.schema.json")
    with open(path, encoding="utf-8") as handle:
        schema = json.load(handle)
    headers = {
        "Idempotency-Key": {"description": "幂等键（= event_id），重试与重放时不变", "schema": {"type": "string"}},
        "X-Yichuang-Event": {"description": "事件类型", "schema": {"type": "string"}},
        "X-Yichuang-Case": {"description": "办件编号", "schema": {"type": "string"}},
        "X-Yichuang-Seq": {"description": "本办件事件序号", "schema": {"type": "integer"}},
        SIGNATURE_HEADER: {"description": 't=<unix 秒>,v1=<hex HMAC-SHA256(密钥, "<t>." + 请求体)>',
                           "schema": {"type": "string"}},
    }
    return {"caseEvent": {"post": {
        "summary": "办件与电子证照事件（订阅方接收）",
        "description": "发布进程向每个 Webhook 订阅方 POST 一条事件；2xx 视为送达，否则指数退避重试，超过次数转为死信。"
                       "同一办件按 seq 顺序送达；个人信息按订阅方约定脱敏。见 rules/exchange/webhook.md。",
        "parameters": [{"in": "header", "name": name, "required": True, **spec} for name, spec in headers.items()],
        "requestBody": {"required": True, "content": {"application/json": {"schema": schema}}},
        "responses": {"2XX": {"description": "已接收（幂等：重复的 Idempotency-Key 也应回 2xx）"},
                      "default": {"description": "未接收：稍后重试"}},
    }}}


def init_exchange(app: Flask) -> None:
    listen()
    init_oauth(app)
    api.spec.components.security_scheme(OAUTH_SECURITY, {
        "type": "oauth2", "description": "部门自建系统：OAuth2 客户端凭证（client_secret_basic 或 client_secret_post）",
        "flows": {"clientCredentials": {"tokenUrl": "/api/exchange/oauth/token", "scopes": CLIENT_SCOPES}}})
    api.register_blueprint(admin_blp)
    api.register_blueprint(blp)
    api.spec.options["x-webhooks"] = _webhook_doc(app)
    app.register_blueprint(page_bp)
    app.cli.add_command(exchange_cli)
