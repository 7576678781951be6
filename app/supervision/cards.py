"""Cards: listing, the department's appeal (申诉) and the supervisor's decision. Flushes; requests commit."""
import logging

import sqlalchemy as sa

from app.accounts.models import DEPARTMENT_ROLES
from app.cases import lifecycle
from app.cases.events import record_event
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.cases.models import Case
from app.extensions import db
from app.network.scope import case_scope_clause, case_within_scope

from .models import APPEAL_DECISIONS, SupervisionCard

logger = logging.getLogger(__name__)


def visible_cards(user, status=None, level=None, department=None, limit=100) -> list[SupervisionCard]:
    """Supervisors see the cards of the cases in their region (handled or received there);
    department staff only their own department's cards."""
    query = sa.select(SupervisionCard)
    if user.role == "supervisor":
        query = query.join(Case, SupervisionCard.case_id == Case.id).where(case_scope_clause(user, Case))
    else:
        if user.role not in DEPARTMENT_ROLES or user.department is None:
            raise Forbidden("只有电子监察人员和部门工作人员可以查看监察牌")
        query = query.where(SupervisionCard.department_code == user.department.code)
    if status:
        query = query.where(SupervisionCard.status == status)
    if level:
        query = query.where(SupervisionCard.level == level)
    if department:
        query = query.where(SupervisionCard.department_code == department)
    return db.session.scalars(query.order_by(SupervisionCard.issued_at.desc(), SupervisionCard.id.desc())
                              .limit(limit)).all()


def _locked_card(card_id: int) -> tuple[SupervisionCard, object]:
    card = db.session.get(SupervisionCard, card_id)
    if card is None:
        raise NotFound(f"监察牌 {card_id} 不存在")
    case = lifecycle.lock_case(card.case.case_no)
    db.session.refresh(card)
    return card, case


def appeal_card(actor, card_id: int, payload: dict) -> SupervisionCard:
    """The carded department's head or approver appeals once, with a reason."""
    card, case = _locked_card(card_id)
    if not (
        actor.role in ("head", "approver") and actor.department is not None
        and actor.department.code == card.department_code
    ):
        raise Forbidden("只有被发牌部门的负责人或审批人（首席代表）可以申诉")
    if card.status != "issued" or card.appeal_reason is not None:
        raise Conflict("该监察牌已申诉或已处理，不能再次申诉")
    reason = (payload.get("reason") or "").strip()
    if not reason:
        raise InvalidInput.field("reason", "申诉须说明理由")
    card.status, card.appeal_reason = "appealed", reason
    card.appealed_at, card.appealed_by_id = lifecycle.now_utc(), actor.id
    record_event(case, actor, "supervision.card_appealed", opinion=reason, card_id=card.id, level=card.level)
    logger.info("card %s appealed by %s", card.id, actor.username)
    return card


def decide_appeal(actor, card_id: int, payload: dict) -> SupervisionCard:
    """A supervisor decides an appeal: upheld (the card stands), withdrawn (revoked) or escalated (督办)."""
    card, case = _locked_card(card_id)
    if actor.role != "supervisor" or not case_within_scope(actor, case):
        raise Forbidden("该办件不在本人管辖区域内，不能处理申诉")
    if card.status != "appealed":
        raise Conflict("该监察牌不在申诉中，无需处理")
    decision = payload["decision"]
    card.decision, card.decision_note = decision, (payload.get("note") or "").strip() or None
    card.decided_at, card.decided_by_id = lifecycle.now_utc(), actor.id
    card.status = {"upheld": "issued", "withdrawn": "revoked", "escalated": "escalated"}[decision]
    record_event(case, actor, "supervision.card_decided", decision=decision, opinion=card.decision_note,
                 card_id=card.id, level=card.level, decision_label=APPEAL_DECISIONS[decision])
    logger.info("appeal on card %s decided %s by %s", card.id, decision, actor.username)
    return card
