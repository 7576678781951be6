"""Sending one message to a subscriber: RabbitMQ over AMQP (pika, publisher confirms, persistent messages)
and HTTPS webhooks signed with HMAC-SHA256. Each raises :class:`DeliveryFailed` with a reason to record."""
import hashlib
import hmac
import json
import logging
import time
from urllib.parse import urlsplit, urlunsplit

import pika
import requests
from pika.exceptions import AMQPError

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Yichuang-Signature"


class DeliveryFailed(Exception):
    pass


def body_of(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """``t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body>``: receivers recompute and compare, and
    refuse old timestamps (replay protection)."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def display_url(url: str) -> str:
    """The subscriber's address without its password (amqp://user:***@host:5672/): never shown or logged."""
    parts = urlsplit(url)
    if parts.password:
        netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def webhook_url_allowed(url: str, allow_http: bool) -> bool:
    parts = urlsplit(url)
    if parts.scheme == "https":
        return bool(parts.hostname)
    return parts.scheme == "http" and allow_http and bool(parts.hostname)


class WebhookTransport:
    def __init__(self, subscriber):
        self.url, self.secret, self.timeout = subscriber.url, subscriber.secret or "", subscriber.timeout_seconds
        self.http = requests.Session()

    def send(self, record, payload: dict) -> None:
        body = body_of(payload)
        headers = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": record.idempotency_key,
                   "X-Yichuang-Event": record.topic, "X-Yichuang-Case": record.case_no,
                   "X-Yichuang-Seq": str(record.seq), SIGNATURE_HEADER: signature(self.secret, int(time.time()), body)}
        try:
            response = self.http.post(self.url, data=body, headers=headers, timeout=self.timeout,
                                      allow_redirects=False)
        except requests.RequestException as exc:
            raise DeliveryFailed(f"连接失败: {type(exc).__name__}") from exc
        if not 200 <= response.status_code < 300:
            raise DeliveryFailed(f"HTTP {response.status_code}")

    def close(self):
        self.http.close()


class AmqpTransport:
    """One connection per subscriber, reopened after any failure (a broker restart, a closed connection)."""

    def __init__(self, subscriber, connection_name: str = "yichuang-exchange"):
        self.url, self.exchange = subscriber.url, subscriber.amqp_exchange or "yichuang.events"
        self.connection_name = connection_name
        self.timeout = subscriber.timeout_seconds
        self.connection = self.channel = None

    def _open(self):
        if self.channel is not None and self.channel.is_open:
            return self.channel
        self.close()
        parameters = pika.URLParameters(self.url)
        parameters.socket_timeout = parameters.blocked_connection_timeout = self.timeout
        parameters.connection_attempts, parameters.heartbeat = 1, 30
        parameters.client_properties = {"connection_name": self.connection_name}
        self.connection = pika.BlockingConnection(parameters)
        self.channel = self.connection.channel()
        self.channel.confirm_delivery()
        self.channel.exchange_declare(self.exchange, exchange_type="topic", durable=True)
        return self.channel

    def send(self, record, payload: dict) -> None:
        try:
            channel = self._open()
            channel.basic_publish(
                self.exchange, record.topic, body_of(payload), mandatory=False,
                properties=pika.BasicProperties(
                    content_type="application/json", content_encoding="utf-8", delivery_mode=2,
                    message_id=record.idempotency_key, type=record.topic,
                    headers={"case_no": record.case_no, "seq": record.seq}))
        except (AMQPError, OSError) as exc:
            self.close()
            raise DeliveryFailed(f"AMQP: {type(exc).__name__} {exc}".strip()[:300]) from exc

    def close(self):
        connection, self.connection, self.channel = self.connection, None, None
        if connection is not None and connection.is_open:
            try:
                connection.close()
            except (AMQPError, OSError):
                logger.debug("closing a broken AMQP connection")


def transport_for(subscriber, publisher_name: str):
    if subscriber.kind == "amqp":
        return AmqpTransport(subscriber, f"yichuang-exchange {publisher_name}")
    return WebhookTransport(subscriber)
