"""Outbox records, subscribers and their deliveries, and the department systems that call in (OAuth2)."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db

SUBSCRIBER_KINDS = {"amqp": "消息队列（AMQP）", "webhook": "HTTPS 回调（Webhook）"}
#: the personal-data contract of a subscriber (or an inbound client): full data or masked
PERSONAL_DATA = {"full": "完整个人信息", "masked": "脱敏"}
DELIVERY_STATUSES = {"pending": "待投递", "delivered": "已投递", "dead": "死信"}
#: operations a department system may be granted
CLIENT_SCOPES = {"cases:read": "查阅本部门办件", "tasks:complete": "办理本部门任务（附审批意见）",
                 "materials:attach": "上传电子材料"}


class OutboxRecord(db.Model):
    """One event to publish, written in the transaction of the change it describes. ``seq`` numbers the
    records of one case (1, 2, 3 … without gaps); ``idempotency_key`` is what receivers deduplicate on."""

    __tablename__ = "exchange_outbox"
    __table_args__ = (sa.UniqueConstraint("case_id", "seq", name="uq_exchange_outbox_case_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(sa.String(120), unique=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    case_no: Mapped[str] = mapped_column(sa.String(50))
    seq: Mapped[int]
    topic: Mapped[str] = mapped_column(sa.String(40), index=True)
    occurred_at: Mapped[object] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    #: the full payload (personal data unmasked); masked per subscriber when delivered
    payload: Mapped[dict] = mapped_column(sa.JSON)


class Subscriber(db.Model):
    __tablename__ = "exchange_subscribers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(20))  # amqp | webhook
    #: amqp://user:pass@host:5672/vhost or https://receiver.example/path
    url: Mapped[str] = mapped_column(sa.String(500))
    #: AMQP: the topic exchange the events are published to (routing key = the event topic)
    amqp_exchange: Mapped[str | None] = mapped_column(sa.String(100))
    #: webhook: the HMAC-SHA256 key of the signature header
    secret: Mapped[str | None] = mapped_column(sa.String(200))
    personal_data: Mapped[str] = mapped_column(sa.String(10), default="masked")
    #: topic prefixes delivered ("case.", "licence."); empty: every topic
    topics: Mapped[list] = mapped_column(sa.JSON, default=list)
    max_attempts: Mapped[int] = mapped_column(default=8)
    retry_base_seconds: Mapped[float] = mapped_column(default=2.0)
    retry_max_seconds: Mapped[float] = mapped_column(default=600.0)
    timeout_seconds: Mapped[float] = mapped_column(default=10.0)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)

    def wants(self, topic: str) -> bool:
        return not self.topics or any(topic.startswith(prefix) for prefix in self.topics)


class Delivery(db.Model):
    """One outbox record for one subscriber. A delivery is sent only once every earlier delivery of the same
    case to the same subscriber is delivered (in order per case); a dead letter holds the case's later ones."""

    __tablename__ = "exchange_deliveries"
    __table_args__ = (
        sa.UniqueConstraint("subscriber_id", "outbox_id", name="uq_exchange_deliveries_subscriber_outbox"),
        sa.Index("ix_exchange_deliveries_claim", "status", "next_attempt_at"),
        sa.Index("ix_exchange_deliveries_stream", "subscriber_id", "case_id", "seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(sa.ForeignKey("exchange_subscribers.id", ondelete="CASCADE"))
    outbox_id: Mapped[int] = mapped_column(sa.ForeignKey("exchange_outbox.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int] = mapped_column()
    seq: Mapped[int]
    status: Mapped[str] = mapped_column(sa.String(10), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    lease_owner: Mapped[str | None] = mapped_column(sa.String(80))
    lease_until: Mapped[object | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    delivered_at: Mapped[object | None] = mapped_column(UTCDateTime)
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)

    subscriber = relationship("Subscriber")
    outbox = relationship("OutboxRecord")


class ExchangeClient(db.Model):
    """A department's own system (自建系统) calling in with OAuth2 client credentials."""

    __tablename__ = "exchange_clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(sa.String(80), unique=True)
    client_secret_hash: Mapped[str] = mapped_column(sa.String(300))
    name: Mapped[str] = mapped_column(sa.String(100))
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    scopes: Mapped[list] = mapped_column(sa.JSON, default=list)
    personal_data: Mapped[str] = mapped_column(sa.String(10), default="masked")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)

    department = relationship("Department")


class ExchangeToken(db.Model):
    __tablename__ = "exchange_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(sa.ForeignKey("exchange_clients.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    scope: Mapped[str] = mapped_column(sa.String(200))
    issued_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[object] = mapped_column(UTCDateTime)
    revoked: Mapped[bool] = mapped_column(default=False)

    client = relationship("ExchangeClient")
