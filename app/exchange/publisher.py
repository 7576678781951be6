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
from sqlalchemy.orm import aliased, selectinload

from app.database import utcnow
from app.extensions import db

from .expiry import publish_expired_licences
from .models import Delivery, Subscriber
from .payloads import masked
from .transports import DeliveryFailed, transport_for

logger = logging.getLogger(__name__)


def _loaded():
    return selectinload(Delivery.outbox), selectinload(Delivery.subscriber)


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
             .order_by(Delivery.id).limit(limit).options(*_loaded()))
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=Delivery)
    return db.session.scalars(query).all()


class Publisher:
    def __init__(self, *, batch: int = 100, poll: float = 1.0, lease: float = 60.0, expire_every: float = 300.0,
                 name: str | None = None, stream_batch: int = 20):
        self.batch, self.poll, self.lease, self.expire_every = batch, poll, lease, expire_every
        self.stream_batch = stream_batch
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._transports: dict[int, tuple[tuple, object]] = {}
        self._last_expiry = 0.0

    # -- one round ---------------------------------------------------------------------------------
    def claim(self) -> list[tuple]:
        """(delivery id, subscriber, outbox record, masked payload) of the deliveries this publisher now holds:
        the head of each due stream (subscriber × case) and up to ``stream_batch`` of the stream's next pending
        deliveries, in seq order. Nobody else can claim a stream's later deliveries while its head is pending."""
        now = utcnow()
        until = now + timedelta(seconds=self.lease)
        try:
            heads = due_deliveries(now, self.batch)
            claimed = self._with_followers(heads, now)
            if claimed:
                ids = [d.id for d in claimed]
                db.session.execute(
                    sa.update(Delivery)
                    .where(Delivery.id.in_(ids), Delivery.status == "pending",
                           sa.or_(Delivery.lease_until.is_(None), Delivery.lease_until < now))
                    .values(lease_owner=self.name, lease_until=until).execution_options(synchronize_session=False))
                mine = set(db.session.scalars(sa.select(Delivery.id).where(
                    Delivery.id.in_(ids), Delivery.lease_owner == self.name, Delivery.lease_until == until)))
                claimed = [d for d in claimed if d.id in mine]
            result = [(d.id, d.subscriber, d.outbox, masked(d.outbox.payload, d.subscriber.personal_data))
                      for d in claimed]
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise
        return result

    def _with_followers(self, heads, now):
        if not heads or self.stream_batch <= 1:
            return list(heads)
        streams = {(d.subscriber_id, d.case_id): d for d in heads}
        followers = db.session.scalars(
            sa.select(Delivery).where(sa.tuple_(Delivery.subscriber_id, Delivery.case_id).in_(list(streams)),
                                      Delivery.status == "pending")
            .order_by(Delivery.subscriber_id, Delivery.case_id, Delivery.seq).options(*_loaded())).all()
        ordered = []
        for key, head in streams.items():
            ordered.append(head)
            taken = 1
            for delivery in followers:
                if (delivery.subscriber_id, delivery.case_id) != key or delivery.seq <= head.seq:
                    continue
                if taken >= self.stream_batch or delivery.next_attempt_at > now:
                    break
                ordered.append(delivery)
                taken += 1
        return ordered

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
        for delivery_id, subscriber, record, payload in claimed:
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
        """Delivered ones in one statement; skipped ones released; failures backed off or dead-lettered."""
        now = utcnow()
        sent = [i for i, error in results if error is None]
        skipped = [i for i, error in results if error == "skipped"]
        failed = [(i, error) for i, error in results if error not in (None, "skipped")]
        try:
            if sent:
                db.session.execute(
                    sa.update(Delivery).where(Delivery.id.in_(sent), Delivery.status == "pending")
                    .values(status="delivered", delivered_at=now, attempts=Delivery.attempts + 1, last_error=None,
                            lease_owner=None, lease_until=None).execution_options(synchronize_session=False))
            if skipped:
                db.session.execute(
                    sa.update(Delivery).where(Delivery.id.in_(skipped), Delivery.lease_owner == self.name)
                    .values(lease_owner=None, lease_until=None).execution_options(synchronize_session=False))
            for delivery_id, error in failed:
                delivery = db.session.get(Delivery, delivery_id, populate_existing=True)
                if delivery is None or delivery.status != "pending":
                    continue
                delivery.lease_owner = delivery.lease_until = None
                delivery.attempts += 1
                if delivery.attempts >= delivery.subscriber.max_attempts:
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
