"""Creating e-licences when a case is approved, listing, revoking, cancelling and public verification.
Services flush, never commit."""
import datetime as dt
import hmac
import logging
import re
import secrets

import sqlalchemy as sa
from flask import current_app

from app.applicants.identity import mask_name
from app.cases import lifecycle
from app.cases.events import record_event
from app.cases.queries import case_for
from app.errors import Conflict, Forbidden, NotFound
from app.extensions import db

from .identifier import build_identifier
from .models import LICENCE_STATUSES, Licence

logger = logging.getLogger(__name__)

VERIFY_NOT_FOUND = "未找到匹配的电子证照，请核对证照编号和核验码"
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def type_code_for(item) -> str:
    """LICENCE_TYPE_CODES maps item codes to licence type codes; default: the item code's letters and digits."""
    mapped = current_app.config["LICENCE_TYPE_CODES"].get(item.code)
    return mapped or re.sub(r"[^0-9A-Za-z]", "", item.code).upper() or "0"


def validity_years_for(item):
    """Years of validity for the item's licence (LICENCE_VALIDITY_YEARS, per item code); None = 长期有效."""
    config = current_app.config
    return config["LICENCE_VALIDITY_YEARS"].get(item.code, config["LICENCE_DEFAULT_VALIDITY_YEARS"])


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def create_licence_for(case, actor):
    """Called by the lifecycle the moment an approval is decided (the case is locked by the caller)."""
    item, department = case.item, case.item.department
    today = lifecycle.local_now().date()
    years = validity_years_for(item)
    licence = Licence(
        case_id=case.id, department_id=department.id, name=item.result_name or item.name,
        number=f"pending-{case.id}-{secrets.token_hex(4)}", identifier=f"pending-{case.id}-{secrets.token_hex(4)}",
        verification_code="".join(secrets.choice(_CODE_ALPHABET) for _ in range(6)),
        type_code=type_code_for(item), holder_name=case.applicant_name,
        holder_code_type="111" if case.applicant_kind == "person" else "001",
        holder_code=case.applicant_id_number, holder_is_person=case.applicant_kind == "person",
        issuer_name=department.name, issuer_code=department.credit_code or department.code,
        issued_on=today, valid_from=today,
        valid_to=None if years is None else _add_years(today, years) - dt.timedelta(days=1), status="valid",
    )
    db.session.add(licence)
    db.session.flush()  # the id is the serial
    serial = f"{licence.id:08d}"
    licence.identifier = build_identifier(licence.type_code, licence.issuer_code, serial)
    licence.number = current_app.config["LICENCE_NUMBER_PATTERN"].format(
        type_code=licence.type_code, year=today.year, serial=licence.id, case_no=case.case_no)
    db.session.flush()
    logger.info("case %s: e-licence %s created", case.case_no, licence.number)
    return licence


def effective_status(licence, today=None) -> str:
    today = today or lifecycle.local_now().date()
    if licence.status == "valid" and licence.valid_to is not None and licence.valid_to < today:
        return "expired"
    return licence.status


def licences_of_case(user, case_no: str):
    case = case_for(user, case_no)
    return db.session.scalars(sa.select(Licence).where(Licence.case_id == case.id).order_by(Licence.id)).all()


def _change_status(actor, licence_id: int, status: str, reason: str, action: str):
    licence = db.session.get(Licence, licence_id)
    if licence is None:
        raise NotFound(f"电子证照 {licence_id} 不存在")
    deciders = ("approver", "head")  # a decision on the licence: never an IT role (admin, designer)
    if actor.role not in deciders or actor.department_id != licence.department_id:
        raise Forbidden("只有发证部门的审批人（首席代表）或负责人可以撤销或注销电子证照")
    case = lifecycle.lock_case(licence.case.case_no)
    licence = db.session.scalars(sa.select(Licence).where(Licence.id == licence_id).with_for_update()).one()
    if licence.status != "valid":
        raise Conflict(f"电子证照当前状态为{LICENCE_STATUSES[licence.status]}，不能再撤销或注销")
    licence.status, licence.status_reason = status, reason
    licence.status_changed_at, licence.status_changed_by_id = lifecycle.now_utc(), actor.id
    record_event(case, actor, action, opinion=reason, licence_number=licence.number)
    db.session.flush()
    return licence


def revoke_licence(actor, licence_id: int, reason: str):
    return _change_status(actor, licence_id, "revoked", reason, "licence.revoked")


def cancel_licence(actor, licence_id: int, reason: str):
    return _change_status(actor, licence_id, "cancelled", reason, "licence.cancelled")


def verify_licence(number: str, code: str) -> dict:
    """Public verification: the same 404 for an unknown number and a wrong code; nothing beyond the card."""
    licence = db.session.scalars(sa.select(Licence).where(Licence.number == number.strip())).first()
    expected = licence.verification_code if licence is not None else "------"
    if not hmac.compare_digest(expected.encode(), code.strip().upper().encode()) or licence is None:
        raise NotFound(VERIFY_NOT_FOUND)
    return {"status": effective_status(licence), "name": licence.name,
            "holder": mask_name(licence.holder_name, organisation=not licence.holder_is_person),
            "issuer": licence.issuer_name, "issued_on": licence.issued_on,
            "valid_from": licence.valid_from, "valid_to": licence.valid_to}
