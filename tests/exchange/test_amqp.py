"""RabbitMQ (the server at 127.0.0.1:5672, guest/guest): a case's events arrive at a consumer in order and
once each — also when the broker drops the publisher's connection mid-run and when a publisher process is
killed and another one takes over. Skipped, with the reason, where no broker runs."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import uuid

import pytest
import sqlalchemy as sa

from app.exchange.models import Delivery, OutboxRecord
from app.extensions import db

from .support import RunningPublisher, add_subscriber, decided_case, wait_for

pika = pytest.importorskip("pika")

BROKER = os.environ.get("EXCHANGE_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")
PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _broker_reachable() -> bool:
    parameters = pika.URLParameters(BROKER)
    try:
        socket.create_connection((parameters.host, parameters.port), 1).close()
        return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not _broker_reachable(),
                                reason=f"no RabbitMQ broker at {BROKER}: the AMQP stories need one")


class Consumer:
    """A queue bound to the test's own exchange; messages kept in arrival order."""

    def __init__(self):
        self.exchange = f"yichuang.test.{uuid.uuid4().hex[:8]}"
        self.connection = pika.BlockingConnection(pika.URLParameters(BROKER))
        self.channel = self.connection.channel()
        self.channel.exchange_declare(self.exchange, exchange_type="topic", durable=True)
        self.queue = self.channel.queue_declare("", exclusive=True).method.queue
        self.channel.queue_bind(self.queue, self.exchange, routing_key="#")
        self.messages = []

    def drain(self):
        while True:
            method, properties, body = self.channel.basic_get(self.queue, auto_ack=True)
            if method is None:
                return self.messages
            self.messages.append((properties.message_id, properties.headers["case_no"], properties.headers["seq"]))

    def close(self):
        self.channel.exchange_delete(self.exchange)
        self.connection.close()


@pytest.fixture()
def consumer():
    consumer = Consumer()
    yield consumer
    consumer.close()


def expected_keys(app):
    with app.app_context():
        return [r.idempotency_key for r in db.session.scalars(sa.select(OutboxRecord).order_by(OutboxRecord.id))]


def assert_in_order_once_each(messages, expected):
    """Each event once (at-least-once delivery: a repeat after a lost confirm carries the same key and is
    dropped by its key, as a receiver does), and per case in seq order."""
    seen, unique = set(), []
    for key, case_no, seq in messages:
        if key not in seen:
            seen.add(key)
            unique.append((key, case_no, seq))
    assert sorted(k for k, _, _ in unique) == sorted(expected)
    for case_no in {c for _, c, _ in unique}:
        assert [s for _, c, s in unique if c == case_no] == sorted(s for _, c, s in unique if c == case_no)


def close_publisher_connections(name):
    """Have the broker drop the publisher's connection (rabbitmqctl), else shut its socket from our side."""
    rabbitmqctl = shutil.which("rabbitmqctl")
    if rabbitmqctl:
        listed = subprocess.run([rabbitmqctl, "-q", "list_connections", "--no-table-headers", "name",
                                 "client_properties"],
                                capture_output=True, text=True, timeout=60)
        names = [line.split("\t")[0] for line in listed.stdout.splitlines() if f"yichuang-exchange {name}" in line]
        for connection in names:
            subprocess.run([rabbitmqctl, "-q", "close_connection", connection, "test: broker drops it"],
                           capture_output=True, timeout=60)
        if names:
            return len(names)
    return 0


def test_events_arrive_in_order_once_each_even_when_the_broker_drops_the_connection(app, api, consumer):
    added = add_subscriber(api, name="省政务服务平台（MQ）", kind="amqp", url=BROKER, amqp_exchange=consumer.exchange)
    assert ":guest@" not in added["url"]  # the broker password is never echoed
    first = decided_case(api)
    with RunningPublisher(app, name="mq-drop") as running:
        wait_for(lambda: len(consumer.drain()) >= len(expected_keys(app)), message="the first case's events")
        dropped = close_publisher_connections("mq-drop")
        if not dropped:  # no rabbitmqctl: cut the publisher's socket
            for _config, transport in list(running.publisher._transports.values()):
                transport.connection._impl._transport._sock.shutdown(socket.SHUT_RDWR)
        second = decided_case(api)
        assert api.as_user("clerk_commerce").issue(first).status_code == 200
        expected = expected_keys(app)
        wait_for(lambda: len({m[0] for m in consumer.drain()}) >= len(expected), message="events after the drop")
    assert_in_order_once_each(consumer.messages, expected)
    assert {c for _, c, _ in consumer.messages} == {first, second}
    with app.app_context():  # delivered on a new connection, nothing left behind
        assert set(db.session.scalars(sa.select(Delivery.status))) == {"delivered"}


def test_a_killed_publisher_is_taken_over_without_losing_or_reordering_events(app, api, consumer, tmp_path):
    add_subscriber(api, name="证照库", kind="amqp", url=BROKER, amqp_exchange=consumer.exchange)
    for _ in range(3):
        decided_case(api)
    expected = expected_keys(app)
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "LOG_LEVEL": "WARNING"}
    log = open(tmp_path / "publisher.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "exchange", "run", "--poll", "0.05",
                                "--batch", "1", "--lease", "1", "--expire-every", "0"],
                               cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: consumer.drain() or process.poll() is not None, timeout=60, message="the first event")
        assert process.poll() is None, (tmp_path / "publisher.log").read_text()
        process.send_signal(signal.SIGKILL)  # mid-run: no chance to finish its round or release its lease
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        log.close()
    with RunningPublisher(app, name="successor", lease=1):
        wait_for(lambda: len({m[0] for m in consumer.drain()}) >= len(expected), timeout=60,
                 message="the successor delivers the rest")
    assert_in_order_once_each(consumer.messages, expected)
