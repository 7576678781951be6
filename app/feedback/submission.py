"""A citizen's question or complaint: checked, numbered, given a random code (shown once; only its hash is
kept), started on its own process (bpmn/feedback.bpmn) with its working-day limit; followed with number + code
(failures count against the client address like 办件查询). Services flush, never commit."""
import hashlib
import hmac
import logging
import re
import secrets

import sqlalchemy as sa

from app.applicants.identity import mask_person_name
from app.cases import lifecycle
from app.catalogue.models import ServiceItem
from app.errors import InvalidInput, NotFound
from app.extensions import db
from app.network.models import Department, Window
from app.progress.throttle import guard_public_lookup, record_public_lookup
from app.workflow import WorkflowRun

from . import limits
from .models import KINDS, STATES, SUBJECT_KINDS, FeedbackRecord
from .projection import project, record_event
from .timing import deadline_for

logger = logging.getLogger(__name__)

PROCESS_KEY = "feedback_handling"
NUMBER_PREFIX = {"question": "ZX", "complaint": "TS"}
#: the code's alphabet leaves out look-alikes (0/O, 1/I/L)
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
NOT_FOUND_MESSAGE = "未找到匹配的记录，请核对受理编号和查询码"
_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
#: what the public sees of the steps (never who acted)
PUBLIC_ACTIONS = {"submitted": "已提交", "accepted": "已受理并转办", "rejected": "不予受理", "returned": "退回",
                  "drafted": "答复已拟稿", "signed": "已答复", "visited": "已回访，办结"}


def code_hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def _new_number(kind: str) -> str:
    day = lifecycle.local_now().strftime("%Y%m%d")
    prefix = f"{NUMBER_PREFIX[kind]}{day}"
    taken = db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackRecord).where(
        FeedbackRecord.number.like(f"{prefix}%")))
    return f"{prefix}{taken + 1:04d}"  # a concurrent twin fails the unique constraint: 409, nothing written


def _one(model, field: str, **where):
    found = db.session.scalars(sa.select(model).filter_by(**where)).first() if all(where.values()) else None
    if found is None:
        raise InvalidInput.field(field, "请从列表中选择" if not all(where.values()) else "所选项目不存在，请重新选择")
    return found


def _subject(payload: dict, case) -> dict:
    """The subject's rows, its suggested department and region."""
    kind = payload["subject_kind"]
    if kind == "item":
        item = _one(ServiceItem, "item", code=payload.get("item"), status="published")
        return {"item": item, "department": item.department, "region_code": item.region.code}
    if kind == "window":
        window = _one(Window, "window", code=payload.get("window"), active=True)
        return {"window": window, "department": None, "region_code": window.centre.region.code}
    if kind == "department":
        department = _one(Department, "department", code=payload.get("department"))
        return {"subject_department": department, "department": department,
                "region_code": department.region.code}
    if case is None:
        raise InvalidInput.field("case_no", "请填写办件编号和查询码")
    return {"case": case, "item": case.item, "department": case.item.department,
            "region_code": case.handling_region_code or case.item.region.code}


def _contact(payload: dict) -> tuple[str | None, str | None]:
    name = (payload.get("name") or "").strip() or None
    phone = re.sub(r"\s", "", payload.get("phone") or "") or None
    if payload["kind"] == "complaint":  # a complaint is answered and visited: it needs a person to reach
        if not name:
            raise InvalidInput.field("name", "投诉举报须填写姓名（仅办理人员可见）")
        if not phone:
            raise InvalidInput.field("phone", "投诉举报须填写联系电话（仅办理人员可见）")
    if phone and not _PHONE.match(phone):
        raise InvalidInput.field("phone", "请填写11位手机号码或带区号的固定电话")
    return name, phone


def submit(payload: dict, case=None, remote_addr: str | None = None) -> tuple[FeedbackRecord, str]:
    """A new record and its code (returned once, to print on the receipt). About a case, ``case`` is the case
    the caller authenticated with its number and query code (app.progress.services.authenticate_case).
    429 once the client address made its allowed submissions (app.feedback.limits)."""
    limits.guard_submission(remote_addr)
    name, phone = _contact(payload)
    subject = _subject(payload, case)
    suggested = subject.pop("department")
    region_code = subject.pop("region_code")
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    now = lifecycle.now_utc()
    record = FeedbackRecord(
        number=_new_number(payload["kind"]), code_hash=code_hash(code), kind=payload["kind"],
        subject_kind=payload["subject_kind"], title=payload["title"].strip(), content=payload["content"].strip(),
        contact_name=name, contact_phone=phone, region_code=region_code, submitted_at=now, state="submitted",
        deadline=deadline_for(payload["kind"], lifecycle.local_now().date()), candidate_groups=[], **subject)
    db.session.add(record)
    db.session.flush()
    run = WorkflowRun.start(PROCESS_KEY, {"number": record.number, "kind": record.kind,
                                          "suggested_department": suggested.code if suggested else None})
    run.save()
    record.workflow_instance_id = run.instance.id
    project(record, run)
    record_event(record, None, "submit", "submitted")
    limits.record_submission(remote_addr)
    logger.info("feedback %s (%s) submitted about a %s", record.number, record.kind, record.subject_kind)
    return record, code


def authenticate(number: str, code: str, remote_addr: str | None) -> FeedbackRecord:
    """The record, or NotFound (the same for an unknown number and a wrong code) after noting the failure;
    the caller commits the failure before the error leaves the request."""
    guard_public_lookup(remote_addr)
    record = db.session.scalars(sa.select(FeedbackRecord).where(FeedbackRecord.number == number.strip())).first()
    if record is None or not hmac.compare_digest(record.code_hash, code_hash(code)):
        record_public_lookup(remote_addr, succeeded=False)
        logger.info("feedback lookup failed from %s", remote_addr)
        raise NotFound(NOT_FOUND_MESSAGE)
    return record


def subject_label(record) -> str:
    if record.subject_kind == "case":
        return f"{record.case.case_no} {record.item.name}"
    target = record.item or record.window or record.subject_department
    return target.name


def public_view(record) -> dict:
    """What the citizen sees: state, steps with dates, the limit and, once signed off, the answer. The contact
    is masked; nobody who acted is named."""
    answered = record.state in ("answered", "closed")
    return {
        "number": record.number, "kind": record.kind, "kind_label": KINDS[record.kind],
        "subject_kind_label": SUBJECT_KINDS[record.subject_kind], "subject": subject_label(record),
        "title": record.title, "content": record.content, "contact_name": mask_person_name(record.contact_name),
        "state": record.state, "state_label": STATES[record.state],
        "submitted_on": lifecycle.local_date(record.submitted_at), "deadline": record.deadline,
        "department": record.department.name if record.department else None,
        "answer": record.answer if answered else None,
        "answered_on": lifecycle.local_date(record.answered_at) if answered and record.answered_at else None,
        "reason": _rejection_reason(record),
        "steps": [{"key": e.action, "action": PUBLIC_ACTIONS.get(e.action, e.action),
                   "date": lifecycle.local_date(e.occurred_at)}
                  for e in record.events if e.action in PUBLIC_ACTIONS],
    }


def _rejection_reason(record) -> str | None:
    if record.state != "rejected":
        return None
    return next((e.opinion for e in reversed(record.events) if e.action == "rejected"), None)


def faq(item_code: str | None = None, limit: int = 50) -> list[FeedbackRecord]:
    """Published questions with their answers (answered or closed), newest first; of one item if given."""
    query = sa.select(FeedbackRecord).where(
        FeedbackRecord.kind == "question", FeedbackRecord.publishable.is_(True),
        FeedbackRecord.state.in_(("answered", "closed")), FeedbackRecord.item_id.is_not(None))
    if item_code:
        query = query.join(ServiceItem, FeedbackRecord.item_id == ServiceItem.id).where(ServiceItem.code == item_code)
    return db.session.scalars(query.order_by(FeedbackRecord.answered_at.desc(), FeedbackRecord.id.desc())
                              .limit(limit)).all()


def subject_choices() -> dict:
    """The lists a citizen chooses from: published items, active windows, departments."""
    items = db.session.scalars(sa.select(ServiceItem).where(ServiceItem.status == "published")
                               .order_by(ServiceItem.code)).all()
    windows = db.session.scalars(sa.select(Window).where(Window.active.is_(True)).order_by(Window.code)).all()
    departments = db.session.scalars(sa.select(Department).order_by(Department.code)).all()
    return {"items": items, "windows": windows, "departments": departments}

