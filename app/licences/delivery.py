"""出件 details: the applicant's signature/confirmation at the window, the postal delivery status later."""
import logging

import sqlalchemy as sa

from app.cases import lifecycle
from app.cases.events import record_event
from app.errors import Conflict
from app.extensions import db

from .models import CaseDelivery

logger = logging.getLogger(__name__)


def delivery_of(case):
    return db.session.scalars(sa.select(CaseDelivery).where(CaseDelivery.case_id == case.id)).first()


def record_issue_details(case, payload: dict) -> CaseDelivery:
    """Called by app.cases.issuance while the case is locked: who received it, or that it was posted."""
    suffix = (payload.get("recipient_id_suffix") or "").strip().upper() or None
    delivery = CaseDelivery(
        case_id=case.id, method=payload["method"], recipient=(payload.get("recipient") or "").strip() or None,
        recipient_id_suffix=suffix, confirmed=bool(payload.get("confirmed")),
        status="posted" if payload["method"] == "post" else "signed", updated_at=lifecycle.now_utc())
    db.session.add(delivery)
    return delivery


def update_delivery(actor, case_no: str, status: str, note: str | None):
    case = lifecycle.lock_case(case_no)
    lifecycle.require_case_window_clerk(actor, case)
    delivery = delivery_of(case)
    if case.issue_method != "post" or delivery is None:
        raise Conflict("只有已邮寄送达的办件可以登记寄递状态")
    if delivery.status in ("signed", "returned"):
        raise Conflict("寄递已签收或退回，不能再变更状态")
    delivery.status, delivery.note, delivery.updated_at = status, note, lifecycle.now_utc()
    record_event(case, actor, "case.delivery_updated", decision=status, opinion=note, tracking_no=case.tracking_no)
    db.session.flush()
    logger.info("case %s: delivery %s", case.case_no, status)
    return delivery
