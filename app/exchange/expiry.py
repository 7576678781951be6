"""证照过期: an e-licence's expiry is derived from its validity (no one records it), so the publisher looks for
valid licences past their end date that have no ``licence.expired`` record yet and publishes one each."""
import logging

import sqlalchemy as sa

from app.cases import lifecycle
from app.extensions import db
from app.licences.models import Licence

from .models import OutboxRecord
from .outbox import enqueue, new_flush
from .payloads import licence_element

logger = logging.getLogger(__name__)


def expiry_key(licence) -> str:
    return f"licence:{licence.number}:expired"


def publish_expired_licences(limit: int = 200) -> int:
    """Publish up to ``limit`` newly expired licences; commits (it runs in the publisher, outside requests)."""
    today = lifecycle.local_now().date()
    published = sa.select(OutboxRecord.id).where(
        OutboxRecord.idempotency_key == sa.literal("licence:") + Licence.number + sa.literal(":expired"))
    candidates = db.session.execute(
        sa.select(Licence.id, Licence.case_id).where(Licence.status == "valid", Licence.valid_to.is_not(None),
                                                     Licence.valid_to < today, ~sa.exists(published))
        .order_by(Licence.id).limit(limit)).all()
    db.session.rollback()
    count = 0
    for licence_id, _case_id in candidates:
        licence = db.session.get(Licence, licence_id)
        case = lifecycle.lock_case(licence.case.case_no)
        key = expiry_key(licence)
        if db.session.scalar(sa.select(OutboxRecord.id).where(OutboxRecord.idempotency_key == key)) is None:
            enqueue(new_flush(db.session), case, "licence.expired", key, lifecycle.now_utc(),
                    history_seq=None, licence=licence_element(licence, status="expired"))
            count += 1
        db.session.commit()
    if count:
        logger.info("published the expiry of %d e-licences", count)
    return count
