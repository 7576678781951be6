"""Handing paper materials over to a department and signing them off. Services flush; the request commits."""

import logging
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from app.accounts.models import DEPARTMENT_ROLES
from app.cases import lifecycle
from app.cases.events import record_event
from app.catalogue.models import ServiceItem
from app.cases.models import Case
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.extensions import db
from app.network.models import Department
from app.network.scope import case_scope_clause

from .models import MaterialHandover
from .postal import postal_leg

logger = logging.getLogger(__name__)


def _receiving_department(item, code: str | None) -> Department:
    departments = [item.department] + [c.department for c in item.co_departments]
    if code is None:
        return item.department
    for department in departments:
        if department.code == code:
            return department
    raise InvalidInput.field("department", f"部门 {code} 不是事项 {item.code} 的实施或联办部门")


def hand_over(actor, case_no: str, payload: dict) -> MaterialHandover:
    case = lifecycle.lock_case(case_no)
    lifecycle.require_case_window_clerk(actor, case)
    if case.accepted_at is None:
        raise Conflict("办件尚未受理，不能移交材料")
    department = _receiving_department(case.item, payload.get("department"))
    codes = list(dict.fromkeys(payload["materials"]))
    received = {m.material_code: m.name for m in case.materials}
    unknown = [code for code in codes if code not in received]
    if unknown:
        raise InvalidInput.field("materials", f"只能移交窗口已收取的材料，未收取: {', '.join(unknown)}")
    exists = db.session.scalar(
        sa.select(MaterialHandover.id).where(
            MaterialHandover.case_id == case.id, MaterialHandover.department_id == department.id
        )
    )
    if exists is not None:
        raise Conflict(f"办件 {case_no} 的材料已移交{department.name}")
    handover = MaterialHandover(
        case=case,
        department=department,
        note=payload.get("note") or "",
        materials=[{"code": code, "name": received[code]} for code in codes],
        handed_over_by_id=actor.id,
        handed_over_at=lifecycle.now_utc(),
        **postal_leg(case, department, payload),
    )
    db.session.add(handover)
    db.session.flush()
    record_event(
        case,
        actor,
        "materials.handed_over",
        opinion=handover.note or None,
        handover_id=handover.id,
        department=department.code,
        department_name=department.name,
        materials=codes,
        **({"tracking_no": handover.tracking_no, "carrier": handover.carrier,
            "to_centre": handover.to_centre.code if handover.to_centre else None} if handover.tracking_no else {}),
    )
    logger.info("case %s: materials %s handed over to %s", case_no, codes, department.code)
    return handover


def sign_handover(actor, handover_id: int, payload: dict) -> MaterialHandover:
    handover = db.session.get(MaterialHandover, handover_id)
    if handover is None:
        raise NotFound(f"材料交接单 {handover_id} 不存在")
    if not (actor.role in DEPARTMENT_ROLES and actor.department_id == handover.department_id):
        raise Forbidden("只有接收部门的工作人员可以签收")
    case = lifecycle.lock_case(handover.case.case_no)
    db.session.refresh(handover, with_for_update=True)
    if handover.state != "pending":
        raise Conflict("该交接单已签收")
    handover.state = "signed"
    handover.signed_by_id = actor.id
    handover.signed_at = lifecycle.now_utc()
    handover.sign_note = payload.get("note") or None
    record_event(
        case,
        actor,
        "materials.signed",
        opinion=handover.sign_note,
        handover_id=handover.id,
        department=handover.department.code,
    )
    db.session.flush()
    return handover


def overdue_before():
    """Handovers made before this moment and still unsigned are overdue."""
    return lifecycle.now_utc() - timedelta(hours=current_app.config["HANDOVER_OVERDUE_HOURS"])


def is_overdue(handover, cutoff=None) -> bool:
    return handover.state == "pending" and handover.handed_over_at < (cutoff or overdue_before())


def visible_handovers(user, state=None, older_than_hours=None, limit=200):
    """A window clerk sees its sector's handovers, department staff their department's; admin and
    supervisor those of the cases in their region."""
    query = sa.select(MaterialHandover).join(Case, MaterialHandover.case_id == Case.id)
    if user.role == "clerk" and user.window is not None:
        window = user.window
        query = query.join(ServiceItem, Case.item_id == ServiceItem.id).where(Case.receiving_centre_id == window.centre_id)
        if not window.accepts_all:
            query = query.where(ServiceItem.sector == window.sector)
    elif user.role in DEPARTMENT_ROLES and user.department_id is not None:
        query = query.where(MaterialHandover.department_id == user.department_id)
    elif user.role in ("admin", "supervisor"):
        query = query.where(case_scope_clause(user, Case))  # a district supervisor: its district's cases
    else:
        return []
    if state:
        query = query.where(MaterialHandover.state == state)
    if older_than_hours is not None:
        query = query.where(
            MaterialHandover.handed_over_at <= lifecycle.now_utc() - timedelta(hours=older_than_hours)
        )
    query = query.order_by(MaterialHandover.handed_over_at, MaterialHandover.id).limit(limit)
    return db.session.scalars(query).all()
