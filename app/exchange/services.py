"""Administering the exchange: subscribers (configured as data), their lag, failures and dead letters,
retrying dead letters and replaying from a point in time. Services flush, never commit."""
import logging
import secrets

import sqlalchemy as sa
from flask import current_app

from app.database import utcnow
from app.errors import Conflict, InvalidInput, NotFound
from app.extensions import db

from .models import Delivery, OutboxRecord, Subscriber
from .transports import webhook_url_allowed

logger = logging.getLogger(__name__)

SUBSCRIBER_FIELDS = ("name", "kind", "url", "amqp_exchange", "secret", "personal_data", "topics", "max_attempts",
                     "retry_base_seconds", "retry_max_seconds", "timeout_seconds", "active")


def subscribers():
    return db.session.scalars(sa.select(Subscriber).order_by(Subscriber.id)).all()


def get_subscriber(subscriber_id: int) -> Subscriber:
    subscriber = db.session.get(Subscriber, subscriber_id)
    if subscriber is None:
        raise NotFound(f"订阅方 {subscriber_id} 不存在")
    return subscriber


def _check(subscriber: Subscriber) -> None:
    if subscriber.kind == "webhook":
        if not webhook_url_allowed(subscriber.url, current_app.config.get("EXCHANGE_ALLOW_HTTP_WEBHOOKS", False)):
            raise InvalidInput.field("url", "回调地址须为 https:// 地址")
        if not subscriber.secret:
            subscriber.secret = secrets.token_urlsafe(32)
    elif not subscriber.url.startswith(("amqp://", "amqps://")):
        raise InvalidInput.field("url", "消息队列地址须为 amqp:// 或 amqps:// 地址")
    duplicate = db.session.scalar(sa.select(Subscriber.id).where(Subscriber.name == subscriber.name,
                                                                 Subscriber.id != (subscriber.id or 0)))
    if duplicate:
        raise InvalidInput.field("name", f"已有名为“{subscriber.name}”的订阅方")


def create_subscriber(actor, **fields) -> Subscriber:
    subscriber = Subscriber(**{k: v for k, v in fields.items() if k in SUBSCRIBER_FIELDS and v is not None})
    subscriber.topics = subscriber.topics or []
    _check(subscriber)
    db.session.add(subscriber)
    db.session.flush()
    logger.info("subscriber %s (%s) created by user %s", subscriber.id, subscriber.kind, actor.id)
    return subscriber


def update_subscriber(actor, subscriber_id: int, **fields) -> Subscriber:
    subscriber = get_subscriber(subscriber_id)
    for key, value in fields.items():
        if key in SUBSCRIBER_FIELDS and value is not None:
            setattr(subscriber, key, value)
    _check(subscriber)
    db.session.flush()
    logger.info("subscriber %s updated by user %s", subscriber.id, actor.id)
    return subscriber


def subscriber_stats(now=None) -> dict[int, dict]:
    """Per subscriber: pending, failing (pending after a failed attempt), dead and delivered counts, and
    the lag — the age of the oldest event not yet delivered (seconds)."""
    now = now or utcnow()
    rows = db.session.execute(
        sa.select(Delivery.subscriber_id, Delivery.status, sa.func.count(), sa.func.min(OutboxRecord.created_at),
                  sa.func.sum(sa.case((Delivery.attempts > 0, 1), else_=0)))
        .join(OutboxRecord, OutboxRecord.id == Delivery.outbox_id)
        .group_by(Delivery.subscriber_id, Delivery.status)).all()
    stats = {}
    for subscriber_id, status, count, oldest, failed in rows:
        entry = stats.setdefault(subscriber_id, {"pending": 0, "failing": 0, "dead": 0, "delivered": 0,
                                                 "lag_seconds": 0.0})
        entry[status] = count
        if status == "pending":
            entry["failing"] = int(failed or 0)
        if status in ("pending", "dead") and oldest is not None:
            entry["lag_seconds"] = max(entry["lag_seconds"], round((now - oldest).total_seconds(), 1))
    return stats


def last_errors(subscriber_id: int, limit: int = 20):
    """The subscriber's dead letters and failing deliveries, newest first, with their events."""
    return db.session.execute(
        sa.select(Delivery, OutboxRecord).join(OutboxRecord, OutboxRecord.id == Delivery.outbox_id)
        .where(Delivery.subscriber_id == subscriber_id,
               sa.or_(Delivery.status == "dead", sa.and_(Delivery.status == "pending", Delivery.attempts > 0)))
        .order_by(Delivery.id.desc()).limit(limit)).all()


def _reset():
    return {"status": "pending", "attempts": 0, "next_attempt_at": utcnow(), "lease_owner": None,
            "lease_until": None, "last_error": None, "delivered_at": None}


def retry_dead(actor, subscriber_id: int, delivery_id: int | None = None) -> int:
    """Put the subscriber's dead letters (or one of them) back in the queue; the number retried."""
    get_subscriber(subscriber_id)
    query = sa.update(Delivery).where(Delivery.subscriber_id == subscriber_id, Delivery.status == "dead")
    if delivery_id is not None:
        query = query.where(Delivery.id == delivery_id)
    count = db.session.execute(query.values(**_reset()).execution_options(synchronize_session=False)).rowcount
    if delivery_id is not None and not count:
        raise Conflict(f"投递记录 {delivery_id} 不是该订阅方的死信")
    logger.info("%d dead letters of subscriber %s retried by user %s", count, subscriber_id, actor.id)
    return count


def replay(actor, subscriber_id: int, since) -> int:
    """Deliver again every event that occurred at or after ``since`` (same idempotency keys: receivers
    that saw them already drop them). Events the subscriber never had are queued for it too."""
    subscriber = get_subscriber(subscriber_id)
    records = db.session.execute(
        sa.select(OutboxRecord.id, OutboxRecord.topic, OutboxRecord.case_id, OutboxRecord.seq)
        .where(OutboxRecord.occurred_at >= since).order_by(OutboxRecord.id)).all()
    wanted = [r for r in records if subscriber.wants(r.topic)]
    existing = set(db.session.scalars(
        sa.select(Delivery.outbox_id).where(Delivery.subscriber_id == subscriber.id,
                                            Delivery.outbox_id.in_([r.id for r in wanted] or [0]))))
    db.session.execute(
        sa.update(Delivery).where(Delivery.subscriber_id == subscriber.id, Delivery.outbox_id.in_(existing or {0}))
        .values(**_reset()).execution_options(synchronize_session=False))
    for record in wanted:
        if record.id not in existing:
            db.session.add(Delivery(subscriber_id=subscriber.id, outbox_id=record.id, case_id=record.case_id,
                                    seq=record.seq, **_reset()))
    db.session.flush()
    logger.info("subscriber %s: %d events replayed from %s by user %s", subscriber.id, len(wanted), since,
                getattr(actor, "id", None))
    return len(wanted)
