"""The publisher process (``flask exchange run``): claims a batch of due deliveries, sends them, records the
outcome. Several may run at once: a claim is a short transaction (SELECT … FOR UPDATE SKIP LOCKED on
PostgreSQL; SQLite serialises it with BEGIN IMMEDIATE) that sets a lease, so a delivery is sent by one
publisher at a time; a publisher that dies leaves a lease that expires, and another one sends it again
(at least once, with the same idempotency key). A delivery is due only once every earlier delivery of its
case to the same subscriber is delivered: in order per case. Failures back off exponentially; after the
subscriber's ``max_attempts`` the delivery becomes a dead letter with the reason, holding the case's later
deliveries until an administrator retries it."""
import logging
import os
import socket
import time
import uuid
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from app.database import utcnow
from app.extensions import db

from .expiry import publish_expired_licences
from .models import Delivery, Subscriber
from .payloads import masked
from .transports import DeliveryFailed, transport_for

logger = logging.getLogger(__name__)


def backoff_seconds(subscriber, attempts: int) -> float:
    return min(subscriber.retry_base_seconds * (2 ** max(attempts - 1, 0)), subscriber.retry_max_seconds)


def due_deliveries(now, limit: int):
    """Deliveries that may be sent now: pending, due, not leased, and first of their case's stream."""
    earlier = aliased(Delivery)
    blocked = sa.exists().where(earlier.subscriber_id == Delivery.subscriber_id,
                                earlier.case_id == Delivery.case_id, earlier.seq < Delivery.seq,
                                earlier.status != "delivered")
    query = (sa.select(Delivery).join(Subscriber, Subscriber.id == Delivery.subscriber_id)
             .where(Delivery.status == "pending", Delivery.next_attempt_at <= now, Subscriber.active.is_(True),
                    sa.or_(Delivery.lease_until.is_(None), Delivery.lease_until < now), ~blocked)
             .order_by(Delivery.id).limit(limit))
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=Delivery)
    return db.session.scalars(query).all()


class Publisher:
    def __init__(self, *, batch: int = 100, poll: float = 1.0, lease: float = 60.0, expire_every: float = 300.0,
                 name: str | None = None):
        self.batch, self.poll, self.lease, self.expire_every = batch, poll, lease, expire_every
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._transports: dict[int, tuple[tuple, object]] = {}
        self._last_expiry = 0.0

    # -- one round ---------------------------------------------------------------------------------
    def claim(self) -> list[tuple]:
        """(delivery id, attempts, subscriber, outbox record, masked payload) of the deliveries this publisher now holds."""
        now = utcnow()
        until = now + timedelta(seconds=self.lease)
        claimed = []
        try:
            for delivery in due_deliveries(now, self.batch):
                taken = db.session.execute(
                    sa.update(Delivery)
                    .where(Delivery.id == delivery.id, Delivery.status == "pending",
                           sa.or_(Delivery.lease_until.is_(None), Delivery.lease_until < now))
                    .values(lease_owner=self.name, lease_until=until)
                    .execution_options(synchronize_session=False)).rowcount
                if taken:
                    record = delivery.outbox
                    claimed.append((delivery.id, delivery.attempts, delivery.subscriber, record,
                                    masked(record.payload, delivery.subscriber.personal_data)))
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise
        return claimed

    def _transport(self, subscriber):
        config = (subscriber.kind, subscriber.url, subscriber.amqp_exchange, subscriber.secret,
                  subscriber.timeout_seconds)
        cached = self._transports.get(subscriber.id)
        if cached is None or cached[0] != config:
            if cached is not None:
                cached[1].close()
            cached = (config, transport_for(subscriber, self.name))
            self._transports[subscriber.id] = cached
        return cached[1]

    def send(self, claimed) -> list[tuple[int, str | None]]:
        """Send in claim order; after a failure, skip the subscriber's other messages of this round (its
        endpoint is down: they are tried again when due, without counting an attempt)."""
        results, failed = [], set()
        for delivery_id, _attempts, subscriber, record, payload in claimed:
            if subscriber.id in failed:
                results.append((delivery_id, "skipped"))
                continue
            try:
                self._transport(subscriber).send(record, payload)
                results.append((delivery_id, None))
            except DeliveryFailed as exc:
                failed.add(subscriber.id)
                logger.warning("delivery %s of %s to subscriber %s failed: %s", delivery_id, record.idempotency_key,
                               subscriber.name, exc)
                results.append((delivery_id, str(exc) or type(exc).__name__))
        return results

    def record(self, results) -> None:
        now = utcnow()
        try:
            for delivery_id, error in results:
                delivery = db.session.get(Delivery, delivery_id, populate_existing=True)
                if delivery is None or delivery.status != "pending":
                    continue
                delivery.lease_owner = delivery.lease_until = None
                if error == "skipped":
                    continue
                delivery.attempts += 1
                if error is None:
                    delivery.status, delivery.delivered_at, delivery.last_error = "delivered", now, None
                elif delivery.attempts >= delivery.subscriber.max_attempts:
                    delivery.status, delivery.last_error = "dead", f"{delivery.attempts} 次投递失败：{error}"
                    logger.error("delivery %s is a dead letter after %d attempts: %s", delivery.id,
                                 delivery.attempts, error)
                else:
                    delivery.last_error = error
                    delivery.next_attempt_at = now + timedelta(
                        seconds=backoff_seconds(delivery.subscriber, delivery.attempts))
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise

    def run_once(self) -> int:
        """One claim–send–record round; the number of deliveries attempted."""
        if self.expire_every and time.monotonic() - self._last_expiry >= self.expire_every:
            self._last_expiry = time.monotonic()
            publish_expired_licences()
        claimed = self.claim()
        if claimed:
            self.record(self.send(claimed))
        db.session.remove()
        return len(claimed)

    def run(self, stop=None, rounds: int | None = None) -> None:
        """Until ``stop`` (a threading.Event) is set, or for ``rounds`` rounds. An empty round waits ``poll``."""
        logger.info("publisher %s started (batch %d, poll %.2fs)", self.name, self.batch, self.poll)
        done = 0
        try:
            while (stop is None or not stop.is_set()) and (rounds is None or done < rounds):
                done += 1
                try:
                    sent = self.run_once()
                except sa.exc.OperationalError as exc:  # the database is busy or restarting: try again
                    logger.warning("publisher %s: database error, retrying: %s", self.name, exc.orig)
                    db.session.remove()
                    sent = 0
                if not sent:
                    if stop is not None:
                        stop.wait(self.poll)
                    else:
                        time.sleep(self.poll)
        finally:
            self.close()
            logger.info("publisher %s stopped", self.name)

    def close(self):
        for _config, transport in self._transports.values():
            transport.close()
        self._transports.clear()

